package dev.kolide.fleet.transport.http;

/** The HTTP server could not start or stop: the port is taken, the TLS setup is refused, and so on. */
public final class HttpServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HttpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
