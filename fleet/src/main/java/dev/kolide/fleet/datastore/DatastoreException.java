package dev.kolide.fleet.datastore;

/**
 * The database failed while doing something (unreachable, timed out, a constraint the store did not expect).
 * The message says what was being done ("saving host 7 inventory"); the cause says why.
 */
public class DatastoreException extends RuntimeException {

    public DatastoreException(String action, Throwable cause) {
        super(action, cause);
    }

    public DatastoreException(String message) {
        super(message);
    }
}
