package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.PasswordResetStore;
import dev.kolide.fleet.domain.PasswordResetRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@link PasswordResetStore} in SQL. */
final class MysqlPasswordResetStore implements PasswordResetStore {
    private static final String COLUMNS = "id, user_id, token, created_at, expires_at";

    private final Db db;
    private final Clock clock;

    MysqlPasswordResetStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public PasswordResetRequest create(long userId, String token, Instant expiresAt) {
        requireNonNull(token, "token is null");
        requireNonNull(expiresAt, "expiresAt is null");
        return db.transaction("creating a password reset request for user " + userId,
                () -> "a password reset request with this token already exists", h -> {
            boolean userExists = h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                    .bind("id", userId).mapTo(Long.class).one() > 0;
            if (!userExists) {
                throw NotFoundException.of("user", userId);
            }
            long id = h.createUpdate("INSERT INTO password_reset_requests (created_at, expires_at, user_id, token)"
                            + " VALUES (:now, :expiresAt, :userId, :token)")
                    .bind("now", clock.instant())
                    .bind("expiresAt", expiresAt)
                    .bind("userId", userId)
                    .bind("token", token)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return h.createQuery("SELECT " + COLUMNS + " FROM password_reset_requests WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> map(rs))
                    .one();
        });
    }

    @Override
    public Optional<PasswordResetRequest> findByToken(String token) {
        requireNonNull(token, "token is null");
        return db.call("finding a password reset request by token", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM password_reset_requests WHERE token = :token")
                        .bind("token", token)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public int deleteForUser(long userId) {
        return db.call("deleting the password reset requests of user " + userId, h ->
                h.createUpdate("DELETE FROM password_reset_requests WHERE user_id = :userId")
                        .bind("userId", userId)
                        .execute());
    }

    @Override
    public int deleteExpired(Instant now) {
        requireNonNull(now, "now is null");
        return db.call("deleting expired password reset requests", h ->
                h.createUpdate("DELETE FROM password_reset_requests WHERE expires_at < :now")
                        .bind("now", now)
                        .execute());
    }

    private static PasswordResetRequest map(ResultSet rs) throws SQLException {
        return new PasswordResetRequest(rs.getLong("id"), rs.getLong("user_id"), rs.getString("token"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"));
    }
}
