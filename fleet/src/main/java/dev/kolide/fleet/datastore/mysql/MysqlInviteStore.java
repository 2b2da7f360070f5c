package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.InviteStore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Invite;
import dev.kolide.fleet.domain.NewInvite;
import dev.kolide.fleet.domain.UserRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link InviteStore} in SQL. */
final class MysqlInviteStore implements InviteStore {
    private static final String COLUMNS =
            "i.id, i.invited_by, i.email, i.name, i.position, i.role, i.sso_enabled, i.token, i.created_at";
    private static final Map<String, String> ORDER_KEYS = Map.of(
            "email", "i.email", "name", "i.name", "created_at", "i.created_at");

    private final Db db;
    private final Clock clock;

    MysqlInviteStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Invite create(NewInvite invite) {
        requireNonNull(invite, "invite is null");
        return db.call("inviting " + quote(invite.email()),
                () -> quote(invite.email()) + " is already invited", h -> {
            long id = h.createUpdate("""
                            INSERT INTO invites (created_at, invited_by, email, name, position, role, sso_enabled, token)
                            VALUES (:now, :invitedBy, :email, :name, :position, :role, :ssoEnabled, :token)""")
                    .bind("now", clock.instant())
                    .bind("invitedBy", invite.invitedBy())
                    .bind("email", invite.email())
                    .bind("name", invite.name())
                    .bind("position", invite.position())
                    .bind("role", invite.role().value())
                    .bind("ssoEnabled", invite.ssoEnabled())
                    .bind("token", invite.token())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<Invite> find(long id) {
        return db.call("finding invite " + id, h -> find(h, id));
    }

    private static Optional<Invite> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM invites i WHERE i.id = :id")
                .bind("id", id)
                .map(MysqlInviteStore::map)
                .findOne();
    }

    @Override
    public Optional<Invite> findByToken(String token) {
        requireNonNull(token, "token is null");
        return db.call("finding an invite by token", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM invites i WHERE i.token = :token")
                        .bind("token", token)
                        .map(MysqlInviteStore::map)
                        .findOne());
    }

    @Override
    public Optional<Invite> findByEmail(String email) {
        requireNonNull(email, "email is null");
        return db.call("finding the invite of " + quote(email), h ->
                h.createQuery("SELECT " + COLUMNS + " FROM invites i WHERE i.email = :email")
                        .bind("email", email)
                        .map(MysqlInviteStore::map)
                        .findOne());
    }

    @Override
    public List<Invite> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "i.id", "invites");
        return db.call("listing invites", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM invites i " + orderBy + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(MysqlInviteStore::map)
                        .list());
    }

    @Override
    public void delete(long id) {
        int deleted = db.call("deleting invite " + id, h ->
                h.createUpdate("DELETE FROM invites WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("invite", id);
        }
    }

    private static Invite map(ResultSet rs, StatementContext context) throws SQLException {
        return new Invite(
                rs.getLong("id"),
                Columns.nullableLong(rs, "invited_by"),
                rs.getString("email"),
                Columns.string(rs, "name"),
                Columns.string(rs, "position"),
                UserRole.fromValue(rs.getString("role")),
                rs.getBoolean("sso_enabled"),
                rs.getString("token"),
                Columns.instant(rs, "created_at"));
    }
}
