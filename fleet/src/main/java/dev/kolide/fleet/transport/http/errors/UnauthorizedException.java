package dev.kolide.fleet.transport.http.errors;

/** 401: the caller is not authenticated: no, expired or unknown credentials. */
public class UnauthorizedException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(401, message);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(401, message, cause);
    }
}
