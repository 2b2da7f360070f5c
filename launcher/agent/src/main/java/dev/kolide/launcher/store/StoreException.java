package dev.kolide.launcher.store;

/** A failure of the local store; the message says what was being done ("appending 3 result logs to ..."). */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
