package dev.kolide.fleet.datastore.mysql;

import java.sql.SQLException;

/** Reads what kind of failure a driver exception is, the same way for MariaDB and H2. */
final class SqlErrors {
    private static final int MARIADB_DUPLICATE_ENTRY = 1062;
    private static final String SQLSTATE_UNIQUE_VIOLATION = "23505";   // SQL standard; H2
    private static final String SQLSTATE_INTEGRITY_VIOLATION = "23000"; // MySQL/MariaDB, for every constraint

    private static final String SQLSTATE_SERIALIZATION_FAILURE = "40001"; // deadlock victim: MariaDB and H2
    private static final int MARIADB_DEADLOCK = 1213;

    private SqlErrors() {}

    /**
     * Whether {@code failure} or a cause says the transaction was chosen as a deadlock victim and rolled back: the
     * one failure the database asks the client to answer by running the transaction again.
     */
    static boolean isDeadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getErrorCode() == MARIADB_DEADLOCK || SQLSTATE_SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code failure} or a cause is a unique-key (or primary-key) violation. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (SQLSTATE_UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                    // 23000 also covers foreign-key and NOT NULL violations: the vendor code tells them apart.
                    if (e.getErrorCode() == MARIADB_DUPLICATE_ENTRY
                            && (e.getSQLState() == null || SQLSTATE_INTEGRITY_VIOLATION.equals(e.getSQLState()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
