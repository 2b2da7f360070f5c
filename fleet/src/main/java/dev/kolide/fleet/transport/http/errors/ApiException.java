package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A failure whose message is meant for the client, with the HTTP status it answers. Handlers and services throw
 * the subclasses ({@link NotFoundException}, {@link ValidationException} ...); a status without a subclass of
 * its own (408, 415) uses this class directly.
 *
 * <p>The message is shown to the client as is, so it must say what was wrong with the request and carry no
 * secrets or internals. Anything that is not an {@code ApiException}, and is not mapped to one by
 * {@link ExceptionMappings}, answers 500 with a generic message instead.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public ApiException(int status, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    /** The HTTP status code this failure answers. */
    public int status() {
        return status;
    }

    /**
     * The per-field reasons of the user API's {@code errors} list; by default one {@code base} entry holding the
     * message, as Kolide Fleet answers for errors that are not about one field.
     */
    public List<FieldError> reasons() {
        return List.of(FieldError.base(getMessage()));
    }

    /** Headers the error response carries besides the content type (Retry-After, Allow); none by default. */
    public Map<String, String> responseHeaders() {
        return Map.of();
    }
}
