package dev.kolide.updater.tuf;

/** The Notary server or the mirror could not be reached or answered with an error; the trusted state is unchanged. */
public final class FetchFailedException extends TufException {
    private static final long serialVersionUID = 1L;

    public FetchFailedException(String what, String message, Throwable cause) {
        super(what, what + ": " + message, cause);
    }
}
