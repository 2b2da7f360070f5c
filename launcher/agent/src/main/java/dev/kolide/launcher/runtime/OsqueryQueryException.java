package dev.kolide.launcher.runtime;

/** A query sent to the running osqueryd failed: osqueryd refused it, or the call to it did not complete. */
public final class OsqueryQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OsqueryQueryException(String message) {
        super(message);
    }

    public OsqueryQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
