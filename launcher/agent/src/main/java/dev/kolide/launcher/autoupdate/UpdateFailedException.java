package dev.kolide.launcher.autoupdate;

/** Fetching, verifying or installing an update failed; the message says which step and for which binary. */
public class UpdateFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public UpdateFailedException(String message) {
        super(message);
    }

    public UpdateFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
