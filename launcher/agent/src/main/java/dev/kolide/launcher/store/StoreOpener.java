package dev.kolide.launcher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteException;

/**
 * Opens launcher.db, checking it is a healthy store. A file that is not (garbage, corrupt, another schema) is moved
 * aside and replaced by a fresh store, once: a bad file must not crash-loop the launcher, and a store that fails its
 * own checks right after creation is a real error.
 */
final class StoreOpener {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);

    /** SQLite primary result codes that mean "this file is not a sound database". */
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    /** A WAL left by a huge transaction is cut back to this after checkpoints (SQLite otherwise keeps its size). */
    private static final long JOURNAL_SIZE_LIMIT = 8L * 1024 * 1024;

    private final Path file;
    private final Clock clock;

    StoreOpener(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Database open() {
        try {
            return attempt();
        } catch (InvalidStoreException invalid) {
            Path aside = moveAside();
            LOG.warn("{} is not a valid launcher store ({}); moved it to {} and created a fresh store",
                    file, invalid.getMessage(), aside);
            try {
                return attempt();
            } catch (InvalidStoreException again) {
                throw new StoreException("creating a fresh launcher store at " + file + ": " + again.getMessage(), again);
            }
        }
    }

    private Database attempt() throws InvalidStoreException {
        try {
            PrivateFiles.create(file);
        } catch (IOException e) {
            throw new StoreException("creating the launcher store file " + file + ": " + e, e);
        }
        Connection connection = connect();
        try {
            // Nothing may write before the checks pass: a file moved aside must be exactly what was found.
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
            }
            Schema.ensure(connection);
            configure(connection);
            Schema.ensureIncrementalVacuum(connection);
            PrivateFiles.restrictWithCompanions(file);
            return new Database(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            if (isCorruption(e)) {
                throw new InvalidStoreException(e.getMessage(), e);
            }
            throw new StoreException("opening the launcher store " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(connection, e);
            throw new StoreException("restricting the permissions of " + file + ": " + e, e);
        } catch (InvalidStoreException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreException("opening the launcher store " + file + ": " + e.getMessage(), e);
        }
    }

    private void configure(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                String journalMode = mode.next() ? mode.getString(1) : "none";
                if (!"wal".equalsIgnoreCase(journalMode)) {
                    throw new StoreException("switching " + file + " to WAL mode: SQLite kept journal_mode "
                            + journalMode);
                }
            }
            // NORMAL: a commit survives a crash of the launcher; see docs/launcher-store.md for power loss.
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT);
        }
    }

    private static boolean isCorruption(SQLException e) {
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
        int primary = code & 0xff;
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    }

    /** Moves the bad file (and its WAL, which belongs to it) to launcher.db.corrupt-<epochMillis>; drops its -shm. */
    private Path moveAside() {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis());
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.millis() + "-" + n);
        }
        try {
            Files.move(file, aside);
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            if (Files.exists(wal)) {
                Files.move(wal, aside.resolveSibling(aside.getFileName() + "-wal"));
            }
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
        } catch (IOException e) {
            throw new StoreException("moving the invalid launcher store " + file + " aside to " + aside + ": " + e, e);
        }
        return aside;
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
