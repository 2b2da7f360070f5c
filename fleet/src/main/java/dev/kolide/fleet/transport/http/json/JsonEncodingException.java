package dev.kolide.fleet.transport.http.json;

/** A response value could not be encoded as JSON: a server bug, answered as 500. */
public final class JsonEncodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JsonEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
