package dev.kolide.launcher.store;

/** The file at the store's path is not a usable store (not SQLite, corrupt, or another schema); the message says why. */
final class InvalidStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidStoreException(String reason) {
        super(reason);
    }

    InvalidStoreException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
