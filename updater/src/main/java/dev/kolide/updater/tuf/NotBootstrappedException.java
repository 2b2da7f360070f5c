package dev.kolide.updater.tuf;

/** The local repository has no trusted {@code root.json}: {@link TufClient#bootstrap} must run first. */
public final class NotBootstrappedException extends TufException {
    private static final long serialVersionUID = 1L;

    public NotBootstrappedException(String message) {
        super("root", message, null);
    }
}
