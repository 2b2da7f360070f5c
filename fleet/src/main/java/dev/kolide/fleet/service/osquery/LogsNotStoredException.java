package dev.kolide.fleet.service.osquery;

/**
 * A log destination failed while writing a host's logs: the host must be told of a failure so that it keeps its
 * buffer and sends the logs again.
 */
public class LogsNotStoredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogsNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
