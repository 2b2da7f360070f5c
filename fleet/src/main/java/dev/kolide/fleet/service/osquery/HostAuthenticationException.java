package dev.kolide.fleet.service.osquery;

/**
 * The host's node key, or the enroll secret it presented, is not accepted: it must enroll (again). The message
 * says why, without the key or secret.
 */
public class HostAuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostAuthenticationException(String message) {
        super(message);
    }
}
