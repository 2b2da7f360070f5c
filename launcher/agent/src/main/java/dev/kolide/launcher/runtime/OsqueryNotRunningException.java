package dev.kolide.launcher.runtime;

/** osqueryd is starting, restarting or shut down: there is nothing to send the call to right now. */
public final class OsqueryNotRunningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public OsqueryNotRunningException(String message) {
        super(message);
    }
}
