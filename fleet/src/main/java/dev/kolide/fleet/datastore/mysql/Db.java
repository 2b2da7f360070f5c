package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.DatastoreException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs the stores' SQL through Jdbi and turns driver failures into the datastore's exceptions: unique-key
 * violations into AlreadyExistsException, everything else into DatastoreException naming the action. Exceptions
 * the stores throw themselves (NotFoundException, ConflictException) pass through unchanged, after a rollback
 * when in a transaction. A transaction chosen as a deadlock victim (hosts writing label memberships at once take
 * gap locks in the same index) is run again, a few times, as InnoDB asks: its work must be database work only.
 */
final class Db {
    /** Runs of a transaction that keeps losing deadlocks before the failure is reported. */
    static final int DEADLOCK_ATTEMPTS = 4;

    private final Jdbi jdbi;

    Db(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    <T> T call(String action, HandleCallback<T, RuntimeException> work) {
        return call(action, null, work);
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode.
     *
     * @param duplicate the AlreadyExistsException message when a unique key is violated
     */
    <T> T call(String action, Supplier<String> duplicate, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException e) {
            throw translate(action, duplicate, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String action, HandleCallback<T, RuntimeException> work) {
        return transaction(action, null, work);
    }

    /** Runs {@code work} in one transaction; see {@link #call(String, Supplier, HandleCallback)}. */
    <T> T transaction(String action, Supplier<String> duplicate, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(work);
            } catch (JdbiException e) {
                if (attempt < DEADLOCK_ATTEMPTS && SqlErrors.isDeadlock(e)) {
                    pauseBeforeRetry(attempt);
                    continue;
                }
                throw translate(action, duplicate, e);
            }
        }
    }

    /** A few random milliseconds, growing: the two sides of a deadlock should not meet again at once. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException translate(String action, Supplier<String> duplicate, JdbiException e) {
        if (SqlErrors.isUniqueViolation(e)) {
            String message = duplicate != null ? duplicate.get() : action + ": a unique name or key is already taken";
            return new AlreadyExistsException(message, e);
        }
        return new DatastoreException(action, e);
    }

    /** {@code "name"} quoted for messages. */
    static String quote(String name) {
        return "\"" + name + "\"";
    }
}
