package dev.kolide.launcher.autoupdate;

/**
 * The installer refused an archive (unsafe entries, too large, no binary, a binary failing {@code --version}):
 * nothing of it was installed.
 */
public final class UpdateRefusedException extends UpdateFailedException {
    private static final long serialVersionUID = 1L;

    public UpdateRefusedException(String message) {
        super(message);
    }

    public UpdateRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
