package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.EnrollSecretStore;
import dev.kolide.fleet.domain.EnrollSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** {@link EnrollSecretStore} in SQL. */
final class MysqlEnrollSecretStore implements EnrollSecretStore {
    private final Db db;
    private final Clock clock;

    MysqlEnrollSecretStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void apply(Collection<EnrollSecret> secrets) {
        requireNonNull(secrets, "secrets is null");
        List<EnrollSecret> all = List.copyOf(secrets);
        if (all.isEmpty()) {
            return;
        }
        // Not INSERT ... ON DUPLICATE KEY UPDATE: the secret column is unique too, and a new name reusing another
        // name's secret would silently update that other row instead of failing.
        db.transaction("applying " + all.size() + " enroll secrets",
                () -> "an enroll secret value is already used by another name", h -> {
            Instant now = clock.instant();
            for (EnrollSecret secret : all) {
                int updated = h.createUpdate("UPDATE enroll_secrets SET updated_at = :now, secret = :secret,"
                                + " active = :active WHERE name = :name")
                        .bind("now", now)
                        .bind("name", secret.name())
                        .bind("secret", secret.secret())
                        .bind("active", secret.active())
                        .execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO enroll_secrets (name, created_at, updated_at, secret, active)"
                                    + " VALUES (:name, :now, :now, :secret, :active)")
                            .bind("now", now)
                            .bind("name", secret.name())
                            .bind("secret", secret.secret())
                            .bind("active", secret.active())
                            .execute();
                }
            }
            return null;
        });
    }

    @Override
    public List<EnrollSecret> list() {
        return db.call("listing enroll secrets", h ->
                h.createQuery("SELECT name, secret, active FROM enroll_secrets ORDER BY name")
                        .map((rs, ctx) -> new EnrollSecret(rs.getString("name"), rs.getString("secret"),
                                rs.getBoolean("active")))
                        .list());
    }

    @Override
    public List<EnrollSecret> active() {
        return db.call("listing active enroll secrets", h ->
                h.createQuery("SELECT name, secret, active FROM enroll_secrets WHERE active = TRUE ORDER BY name")
                        .map((rs, ctx) -> new EnrollSecret(rs.getString("name"), rs.getString("secret"),
                                rs.getBoolean("active")))
                        .list());
    }
}
