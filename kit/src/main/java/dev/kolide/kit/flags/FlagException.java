package dev.kolide.kit.flags;

/** A flag, flag file or flag environment variable that cannot be used; the message says which and why. */
public final class FlagException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlagException(String message) {
        super(message);
    }

    public FlagException(String message, Throwable cause) {
        super(message, cause);
    }
}
