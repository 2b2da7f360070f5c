package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** 405: the path exists but not for this method; {@code Allow} lists the methods it has. */
public class MethodNotAllowedException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String allow;

    /** {@code allow} is the header value, e.g. "GET, PATCH". */
    public MethodNotAllowedException(String message, String allow) {
        super(405, message);
        this.allow = requireNonNull(allow, "allow is null");
    }

    @Override
    public Map<String, String> responseHeaders() {
        return Map.of("Allow", allow);
    }
}
