package dev.kolide.updater.tuf;

/**
 * Metadata or a target failed a TUF check (signature threshold, version, expiry, length, hash, type ...): the
 * repository or the network is not to be trusted, and nothing was saved or handed on.
 */
public class VerificationFailedException extends TufException {
    private static final long serialVersionUID = 1L;

    private final String check;

    /**
     * @param role the role or target that failed, e.g. {@code "snapshot"}
     * @param check a short name of the failed check, e.g. {@code "threshold"}, {@code "expired"},
     *     {@code "rollback"}, {@code "length"}, {@code "hash"}
     */
    public VerificationFailedException(String role, String check, String message) {
        this(role, check, message, null);
    }

    public VerificationFailedException(String role, String check, String message, Throwable cause) {
        super(role, role + ": " + check + ": " + message, cause);
        this.check = check;
    }

    public String check() {
        return check;
    }
}
