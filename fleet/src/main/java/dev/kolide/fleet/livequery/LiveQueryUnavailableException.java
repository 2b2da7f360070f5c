package dev.kolide.fleet.livequery;

/** The bus cannot take live queries now (Redis unreachable): the API answers 503, check-ins go on. */
public final class LiveQueryUnavailableException extends RuntimeException {

    public LiveQueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public LiveQueryUnavailableException(String message) {
        super(message);
    }
}
