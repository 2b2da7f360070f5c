package dev.kolide.fleet.logging;

/** Log lines could not be written, or a log file not opened; the message says which file and what was done. */
public final class LogDestinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogDestinationException(String message) {
        super(message);
    }

    public LogDestinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
