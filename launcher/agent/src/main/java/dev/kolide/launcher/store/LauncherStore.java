package dev.kolide.launcher.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The launcher's durable local store, {@code <root>/launcher.db} (mode 0600): the config values BoltDB kept in its
 * {@code config} bucket ({@code uuid} = host identifier, {@code nodeKey}, {@code config} = cached osquery config) and
 * the buffer of logs waiting to be published. Safe for use by several threads.
 */
public final class LauncherStore implements AutoCloseable {
    public static final String FILE_NAME = "launcher.db";

    private final Database database;
    private final SqliteLogBuffer logs;

    private LauncherStore(Database database, LogBufferLimits limits) {
        this.database = database;
        this.logs = new SqliteLogBuffer(database, limits);
    }

    /**
     * Opens (creating if needed) {@code <root>/launcher.db} with file mode 0600; a file that is not a valid store
     * (corrupt, not SQLite, wrong schema) is moved aside to {@code launcher.db.corrupt-<epochMillis>} and a fresh store
     * is created; the move is logged at WARN with the reason.
     */
    public static LauncherStore open(Path rootDirectory, LogBufferLimits limits, Clock clock) {
        Objects.requireNonNull(limits, "limits");
        Database database = new StoreOpener(rootDirectory.resolve(FILE_NAME), clock).open();
        try {
            return new LauncherStore(database, limits);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The value stored under {@code key} in the config bucket ("uuid", "nodeKey", "config"). */
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return database.run("reading config key " + key, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT value FROM config WHERE key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        database.run("storing config key " + key, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, key);
                upsert.setString(2, value);
                return upsert.executeUpdate();
            }
        });
    }

    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        database.run("deleting config key " + key, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM config WHERE key = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate();
            }
        });
    }

    public LogBuffer logs() {
        return logs;
    }

    public Path path() {
        return database.path();
    }

    /** Closes the connection (SQLite checkpoints the WAL into the file); later calls throw {@link StoreException}. */
    @Override
    public void close() {
        database.close();
    }
}
