package dev.kolide.osquery.lite.distributed;

/** A distributed round could not complete; the message says which step and why. */
public class DistributedException extends Exception {
    public DistributedException(String message) {
        super(message);
    }

    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }
}
