package dev.kolide.fleet.service.osquery;

/** A request the service refuses as malformed or out of bounds; the message says what to fix. */
public class InvalidOsqueryRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidOsqueryRequestException(String message) {
        super(message);
    }

    public InvalidOsqueryRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
