package dev.kolide.launcher.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store's one SQLite connection and the lock that serializes its users (osquery's logger calls, the flush loop,
 * enrollment). SQLite serializes writers anyway; one connection keeps checkpoints and vacuums free of other readers.
 */
final class Database implements AutoCloseable {
    /** Work against the connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path path;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    Database(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    Path path() {
        return path;
    }

    /** Runs {@code work} in autocommit mode (each statement its own transaction). */
    <T> T run(String action, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen(action);
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(action, e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    <T> T transaction(String action, SqlWork<T> work) {
        lock.lock();
        try {
            requireOpen(action);
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the lock, so state kept beside the database changes with it. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        } catch (SQLException e) {
            throw failure("closing", e);
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new StoreException(action + " in " + path + ": the store is closed");
        }
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreException failure(String action, SQLException e) {
        return new StoreException(action + " in " + path + ": " + e.getMessage(), e);
    }
}
