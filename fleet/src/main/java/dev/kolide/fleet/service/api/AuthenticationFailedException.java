package dev.kolide.fleet.service.api;

/**
 * No usable credentials: a wrong password, a missing, bad or expired token, a revoked session, a disabled user
 * (HTTP 401). The message says which, never what the credentials held.
 */
public class AuthenticationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }

    public AuthenticationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
