package dev.kolide.fleet.transport.http.errors;

/** 400: the request is malformed: bad JSON, a wrong type, a bad path or query parameter. */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(400, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(400, message, cause);
    }
}
