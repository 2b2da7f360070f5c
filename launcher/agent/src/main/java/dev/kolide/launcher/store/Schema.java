package dev.kolide.launcher.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables. {@code config} is BoltDB's config bucket; {@code logs} holds every kind's buffered logs, keyed
 * by an AUTOINCREMENT sequence so a number is never reused, even after the table drains: acknowledging a stale batch
 * can then never delete a newer log.
 */
final class Schema {
    static final int VERSION = 1;

    private static final List<String> CREATE = List.of(
            "CREATE TABLE config (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
            "CREATE TABLE logs (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL,"
                    + " bytes INTEGER NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX logs_by_kind ON logs (kind, seq)",
            "PRAGMA user_version = " + VERSION);

    /** Statements that fail to prepare unless every column the store uses is there. */
    private static final List<String> PROBES = List.of(
            "SELECT key, value FROM config LIMIT 0",
            "SELECT seq, kind, bytes, body FROM logs LIMIT 0");

    private Schema() {
    }

    /** Creates the tables in an empty database, or checks an existing database has this store's schema. */
    static void ensure(Connection connection) throws SQLException, InvalidStoreException {
        quickCheck(connection);
        int version = intPragma(connection, "user_version");
        List<String> tables = tables(connection);
        if (version == 0 && tables.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                // Only takes effect before the first table: without it freed pages never leave the file.
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
            }
            create(connection);
        } else if (version != VERSION) {
            throw new InvalidStoreException("schema version " + version + " (tables " + tables + "), expected "
                    + VERSION);
        } else {
            probe(connection);
        }
    }

    /** Rebuilds a store made without incremental vacuum (it could never shrink) so that it has it. */
    static void ensureIncrementalVacuum(Connection connection) throws SQLException {
        if (intPragma(connection, "auto_vacuum") != 2) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
                statement.execute("VACUUM");
            }
        }
    }

    private static void quickCheck(Connection connection) throws SQLException, InvalidStoreException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
            String verdict = rows.next() ? rows.getString(1) : "no verdict";
            if (!"ok".equals(verdict)) {
                throw new InvalidStoreException("quick_check: " + verdict);
            }
        }
    }

    private static void create(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : CREATE) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void probe(Connection connection) throws InvalidStoreException {
        for (String sql : PROBES) {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery(sql).close();
            } catch (SQLException e) {
                throw new InvalidStoreException("unexpected schema: " + e.getMessage(), e);
            }
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static int intPragma(Connection connection, String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
