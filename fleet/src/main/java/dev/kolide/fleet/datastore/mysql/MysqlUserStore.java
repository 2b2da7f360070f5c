package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.UserStore;
import dev.kolide.fleet.domain.NewUser;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link UserStore} in SQL. */
final class MysqlUserStore implements UserStore {
    private static final String COLUMNS = "u.id, u.username, u.name, u.email, u.password_hash, u.salt, u.role,"
            + " u.enabled, u.admin_forced_password_reset, u.sso_enabled, u.position, u.gravatar_url, u.created_at,"
            + " u.updated_at";
    private static final Map<String, String> ORDER_KEYS = Map.of(
            "username", "u.username", "name", "u.name", "email", "u.email",
            "created_at", "u.created_at", "updated_at", "u.updated_at");

    private final Db db;
    private final Clock clock;

    MysqlUserStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public User create(NewUser user) {
        requireNonNull(user, "user is null");
        return db.call("creating user " + quote(user.username()),
                () -> "a user with username " + quote(user.username()) + " or email " + quote(user.email())
                        + " already exists", h -> {
            long id = h.createUpdate("""
                            INSERT INTO users (created_at, updated_at, username, name, email, password_hash, salt,
                                               role, enabled, admin_forced_password_reset, sso_enabled, position,
                                               gravatar_url)
                            VALUES (:now, :now, :username, :name, :email, :passwordHash, :salt, :role, TRUE,
                                    :forcedReset, :ssoEnabled, :position, :gravatarUrl)""")
                    .bind("now", clock.instant())
                    .bind("username", user.username())
                    .bind("name", user.name())
                    .bind("email", user.email())
                    .bind("passwordHash", user.passwordHash())
                    .bind("salt", user.passwordSalt())
                    .bind("role", user.role().value())
                    .bind("forcedReset", user.adminForcedPasswordReset())
                    .bind("ssoEnabled", user.ssoEnabled())
                    .bind("position", user.position())
                    .bind("gravatarUrl", user.gravatarUrl())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<User> find(long id) {
        return db.call("finding user " + id, h -> find(h, id));
    }

    private static Optional<User> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id)
                .map(MysqlUserStore::map)
                .findOne();
    }

    @Override
    public Optional<User> findByUsername(String username) {
        requireNonNull(username, "username is null");
        return db.call("finding user " + quote(username), h ->
                h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.username = :username")
                        .bind("username", username)
                        .map(MysqlUserStore::map)
                        .findOne());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        requireNonNull(email, "email is null");
        return db.call("finding the user with email " + quote(email), h ->
                h.createQuery("SELECT " + COLUMNS + " FROM users u WHERE u.email = :email")
                        .bind("email", email)
                        .map(MysqlUserStore::map)
                        .findOne());
    }

    @Override
    public List<User> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "u.id", "users");
        return db.call("listing users", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM users u " + orderBy + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(MysqlUserStore::map)
                        .list());
    }

    @Override
    public User update(User user) {
        requireNonNull(user, "user is null");
        return db.call("updating user " + user.id(),
                () -> "a user with username " + quote(user.username()) + " or email " + quote(user.email())
                        + " already exists", h -> {
            int updated = h.createUpdate("""
                            UPDATE users SET updated_at = :now, username = :username, name = :name, email = :email,
                                password_hash = :passwordHash, salt = :salt, role = :role, enabled = :enabled,
                                admin_forced_password_reset = :forcedReset, sso_enabled = :ssoEnabled,
                                position = :position, gravatar_url = :gravatarUrl
                            WHERE id = :id""")
                    .bind("id", user.id())
                    .bind("now", clock.instant())
                    .bind("username", user.username())
                    .bind("name", user.name())
                    .bind("email", user.email())
                    .bind("passwordHash", user.passwordHash())
                    .bind("salt", user.passwordSalt())
                    .bind("role", user.role().value())
                    .bind("enabled", user.enabled())
                    .bind("forcedReset", user.adminForcedPasswordReset())
                    .bind("ssoEnabled", user.ssoEnabled())
                    .bind("position", user.position())
                    .bind("gravatarUrl", user.gravatarUrl())
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("user", user.id());
            }
            return find(h, user.id()).orElseThrow();
        });
    }

    @Override
    public void delete(long id) {
        int deleted = db.call("deleting user " + id, h ->
                h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("user", id);
        }
    }

    @Override
    public long count() {
        return db.call("counting users", h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    private static User map(ResultSet rs, StatementContext context) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("username"),
                Columns.string(rs, "name"),
                rs.getString("email"),
                rs.getString("password_hash"),
                Columns.string(rs, "salt"),
                UserRole.fromValue(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getBoolean("admin_forced_password_reset"),
                rs.getBoolean("sso_enabled"),
                Columns.string(rs, "position"),
                Columns.string(rs, "gravatar_url"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
