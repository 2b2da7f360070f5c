package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** Well-formed input whose values break a rule, field by field (HTTP 422, Kolide's "Validation Failed"). */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<InvalidField> fields;

    public InvalidInputException(List<InvalidField> fields) {
        super(summary(fields));
        this.fields = List.copyOf(fields);
    }

    /** One refused field. */
    public static InvalidInputException of(String field, String reason) {
        return new InvalidInputException(List.of(new InvalidField(field, reason)));
    }

    public List<InvalidField> fields() {
        return fields;
    }

    private static String summary(List<InvalidField> fields) {
        requireNonNull(fields, "fields is null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("invalid input names at least one field");
        }
        return fields.stream().map(f -> f.name() + " " + f.reason()).collect(Collectors.joining("; "));
    }
}
