package dev.kolide.fleet.client;

/** fleet could not be reached, or answered something that is not its API's JSON. */
public final class FleetClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FleetClientException(String message) {
        super(message);
    }

    public FleetClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
