package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.SessionStore;
import dev.kolide.fleet.domain.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link SessionStore} in SQL. */
final class MysqlSessionStore implements SessionStore {
    private static final String COLUMNS = "s.id, s.user_id, s.session_key, s.created_at, s.accessed_at";

    private final Db db;
    private final Clock clock;

    MysqlSessionStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Session create(long userId, String key) {
        requireNonNull(key, "key is null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("session key is empty");
        }
        return db.transaction("creating a session for user " + userId,
                () -> "a session with this key already exists", h -> {
            boolean userExists = h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                    .bind("id", userId).mapTo(Long.class).one() > 0;
            if (!userExists) {
                throw NotFoundException.of("user", userId);
            }
            Instant now = clock.instant();
            long id = h.createUpdate("INSERT INTO sessions (created_at, accessed_at, user_id, session_key)"
                            + " VALUES (:now, :now, :userId, :key)")
                    .bind("now", now)
                    .bind("userId", userId)
                    .bind("key", key)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<Session> find(long id) {
        return db.call("finding session " + id, h -> find(h, id));
    }

    private static Optional<Session> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.id = :id")
                .bind("id", id)
                .map(MysqlSessionStore::map)
                .findOne();
    }

    @Override
    public Optional<Session> findByKey(String key) {
        requireNonNull(key, "key is null");
        return db.call("finding a session by key", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.session_key = :key")
                        .bind("key", key)
                        .map(MysqlSessionStore::map)
                        .findOne());
    }

    @Override
    public List<Session> listForUser(long userId) {
        return db.call("listing the sessions of user " + userId, h ->
                h.createQuery("SELECT " + COLUMNS + " FROM sessions s WHERE s.user_id = :userId ORDER BY s.id")
                        .bind("userId", userId)
                        .map(MysqlSessionStore::map)
                        .list());
    }

    @Override
    public void touch(long id, Instant accessedAt) {
        requireNonNull(accessedAt, "accessedAt is null");
        int updated = db.call("marking session " + id + " accessed", h ->
                h.createUpdate("UPDATE sessions SET accessed_at = :at WHERE id = :id")
                        .bind("id", id)
                        .bind("at", accessedAt)
                        .execute());
        if (updated == 0) {
            throw NotFoundException.of("session", id);
        }
    }

    @Override
    public void delete(long id) {
        int deleted = db.call("deleting session " + id, h ->
                h.createUpdate("DELETE FROM sessions WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("session", id);
        }
    }

    @Override
    public int deleteAllForUser(long userId) {
        return db.call("deleting the sessions of user " + userId, h ->
                h.createUpdate("DELETE FROM sessions WHERE user_id = :userId").bind("userId", userId).execute());
    }

    @Override
    public int deleteAccessedBefore(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return db.call("deleting sessions unused since " + cutoff, h ->
                h.createUpdate("DELETE FROM sessions WHERE accessed_at < :cutoff").bind("cutoff", cutoff).execute());
    }

    private static Session map(ResultSet rs, StatementContext context) throws SQLException {
        return new Session(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("session_key"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "accessed_at"));
    }
}
