package dev.kolide.updater.tuf;

/**
 * Why an update or a download did not happen. The subclasses say whether the repository could not be trusted
 * ({@link VerificationFailedException}), could not be reached ({@link FetchFailedException}) or does not list the
 * target ({@link NoSuchTargetException}); the message names the role and the check.
 */
public abstract class TufException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String role;

    protected TufException(String role, String message, Throwable cause) {
        super(message, cause);
        this.role = role;
    }

    /** The TUF role ({@code root}, {@code timestamp}, {@code targets/releases} ...) or target involved. */
    public String role() {
        return role;
    }
}
