package dev.kolide.fleet.transport.http.errors;

/** 413: the request body is larger than the endpoint accepts (after decompression). */
public class PayloadTooLargeException extends ApiException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(413, message);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(413, message, cause);
    }
}
