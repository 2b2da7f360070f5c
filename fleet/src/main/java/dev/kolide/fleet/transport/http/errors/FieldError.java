package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the user API's {@code "errors"} list: the field it is about ({@value #BASE} when it is about the
 * request as a whole) and why it was refused.
 */
public record FieldError(String name, String reason) {

    /** The name Kolide Fleet gives an error that is not about one field. */
    public static final String BASE = "base";

    public FieldError {
        requireNonNull(name, "name is null");
        requireNonNull(reason, "reason is null");
    }

    public static FieldError base(String reason) {
        return new FieldError(BASE, reason);
    }
}
