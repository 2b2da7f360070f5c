package dev.kolide.fleet.transport.http.errors;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * 422: the request is well-formed but its values are refused, field by field (Kolide Fleet's "Validation
 * Failed" with one {@code {"name","reason"}} entry per field).
 */
public class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> fieldErrors;

    public ValidationException(List<FieldError> fieldErrors) {
        super(422, summary(fieldErrors));
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** One refused field. */
    public static ValidationException of(String field, String reason) {
        return new ValidationException(List.of(new FieldError(field, reason)));
    }

    @Override
    public List<FieldError> reasons() {
        return fieldErrors;
    }

    private static String summary(List<FieldError> fieldErrors) {
        requireNonNull(fieldErrors, "fieldErrors is null");
        if (fieldErrors.isEmpty()) {
            throw new IllegalArgumentException("a validation error names at least one field");
        }
        return "validation failed: " + fieldErrors.stream()
                .map(e -> e.name() + " " + e.reason())
                .collect(Collectors.joining("; "));
    }
}
