package dev.kolide.launcher.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives free pages back to the file system: {@code incremental_vacuum} moves the freelist to the end of the file and
 * truncates it, then a TRUNCATE checkpoint copies that into the main file and empties the WAL. This is what BoltDB
 * never did, which let launcher.db grow to the size of its worst backlog forever.
 */
final class Compactor {
    /** Below this many free pages (4 MiB at 4 KiB pages) a vacuum is not worth its writes. */
    static final long MIN_FREE_PAGES = 1024;

    private Compactor() {
    }

    /** Whether enough of the file is free: at least {@link #MIN_FREE_PAGES} and a quarter of it. */
    static boolean worthCompacting(Connection connection) throws SQLException {
        long free = Schema.intPragma(connection, "freelist_count");
        long pages = Schema.intPragma(connection, "page_count");
        return free >= MIN_FREE_PAGES && free * 4 >= pages;
    }

    /** Vacuums and checkpoints; must be called in autocommit mode. Returns the number of pages released. */
    static long compact(Connection connection) throws SQLException {
        long free = Schema.intPragma(connection, "freelist_count");
        connection.setAutoCommit(false);
        try {
            // Each step of incremental_vacuum frees one page and yields a row; JDBC's execute steps once and there is
            // no result set to step through (no columns), so execute once per free page, in one transaction.
            try (PreparedStatement vacuum = connection.prepareStatement("PRAGMA incremental_vacuum")) {
                for (long page = 0; page < free; page++) {
                    vacuum.execute();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)").close();
        }
        return free - Schema.intPragma(connection, "freelist_count");
    }
}
