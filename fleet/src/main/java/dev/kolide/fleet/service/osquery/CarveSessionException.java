package dev.kolide.fleet.service.osquery;

/**
 * A carve block's session id and request id name no carve (unknown session, or a request id that does not match
 * it). Unlike {@link HostAuthenticationException} it must not make the host re-enroll: its node key is fine.
 */
public class CarveSessionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CarveSessionException(String message) {
        super(message);
    }
}
