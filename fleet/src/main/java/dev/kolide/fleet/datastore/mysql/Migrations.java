package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.datastore.MigrationsPendingException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Fleet's schema migrations: the Flyway scripts under {@code db/migration} on the classpath (V1 schema, V2
 * seeds: built-in labels, the app config row, default osquery options, and so on). {@code fleet prepare db}
 * calls {@link #apply()}; {@code fleet serve} calls {@link #requireUpToDate()} and refuses to start otherwise.
 */
public final class Migrations {
    private final Flyway flyway;
    private final String description;

    public Migrations(Database database) {
        this(requireNonNull(database, "database is null").dataSource(), database.description());
    }

    /** @param description names the database in error messages (no credentials) */
    public Migrations(DataSource dataSource, String description) {
        requireNonNull(dataSource, "dataSource is null");
        this.description = requireNonNull(description, "description is null");
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** A migration script: its version and description ("1", "create schema"). */
    public record Migration(String version, String description) {
        public Migration {
            requireNonNull(version, "version is null");
            requireNonNull(description, "description is null");
        }

        @Override
        public String toString() {
            return version + " " + description;
        }
    }

    /** The migrations not yet applied to the database, in order; empty when it is up to date. */
    public List<Migration> pending() {
        try {
            return Arrays.stream(flyway.info().pending())
                    .map(Migrations::migration)
                    .toList();
        } catch (FlywayException e) {
            throw new DatastoreException("reading the migration state of " + description, e);
        }
    }

    /** Applies every pending migration, in order, and returns those applied (empty when up to date). */
    public List<Migration> apply() {
        try {
            MigrateResult result = flyway.migrate();
            return result.migrations.stream()
                    .map(m -> new Migration(m.version, m.description))
                    .toList();
        } catch (FlywayException e) {
            throw new DatastoreException("migrating " + description, e);
        }
    }

    /** Returns when no migration is pending; throws MigrationsPendingException naming `fleet prepare db` otherwise. */
    public void requireUpToDate() {
        List<Migration> pending = pending();
        if (!pending.isEmpty()) {
            throw new MigrationsPendingException(pending.stream().map(Migration::toString).toList());
        }
    }

    private static Migration migration(MigrationInfo info) {
        return new Migration(info.getVersion() == null ? "" : info.getVersion().getVersion(), info.getDescription());
    }
}
