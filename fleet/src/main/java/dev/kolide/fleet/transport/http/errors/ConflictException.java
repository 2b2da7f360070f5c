package dev.kolide.fleet.transport.http.errors;

/** 409: the request collides with what exists: a duplicate name, a first-run setup that already ran. */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(409, message);
    }

    public ConflictException(String message, Throwable cause) {
        super(409, message, cause);
    }
}
