package dev.kolide.fleet.transport.http.errors;

/**
 * 401 for an osquery host whose node key (or enroll secret) is not accepted. In the osquery style the body
 * carries {@code "node_invalid": true}, which makes osquery drop its node key and enroll again.
 */
public class NodeInvalidException extends UnauthorizedException {

    private static final long serialVersionUID = 1L;

    public NodeInvalidException(String message) {
        super(message);
    }

    public NodeInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
