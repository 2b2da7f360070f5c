package dev.kolide.fleet.auth;

/** Too many failed logins; the HTTP layer answers 429 with {@code Retry-After: }{@link #retryAfterSeconds()}. */
public final class LoginRateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    LoginRateLimitedException(long retryAfterSeconds) {
        super("too many failed logins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the window that refused the attempt ends; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
