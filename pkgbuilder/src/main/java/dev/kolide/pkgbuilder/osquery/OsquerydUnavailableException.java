package dev.kolide.pkgbuilder.osquery;

/** osqueryd could not be resolved through Notary and the mirror; the message names the server, role and check. */
public final class OsquerydUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OsquerydUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
