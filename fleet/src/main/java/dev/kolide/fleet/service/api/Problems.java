package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every refused field of one request, so that the client learns about all of them at once, then
 * {@link #throwIfAny()}. One per request; not thread-safe.
 */
public final class Problems {

    private final List<InvalidField> fields = new ArrayList<>();

    public Problems add(String field, String reason) {
        fields.add(new InvalidField(field, reason));
        return this;
    }

    /** Refuses a missing or blank value with Kolide's wording, "cannot be empty". */
    public Problems requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "cannot be empty");
        }
        return this;
    }

    /** Refuses {@code value} when it is longer than {@code max} characters (the columns are VARCHAR(255)). */
    public Problems limitLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters long");
        }
        return this;
    }

    /** Refuses a present value (null passes) that is blank. */
    public Problems rejectBlank(String field, String value) {
        if (value != null && value.isBlank()) {
            add(field, "cannot be empty");
        }
        return this;
    }

    /** Refuses null elements of an id list (JSON {@code [null]}). */
    public Problems requireNoNulls(String field, List<?> values) {
        if (values != null && values.stream().anyMatch(v -> v == null)) {
            add(field, "must not contain null");
        }
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Throws an {@link InvalidInputException} naming every problem collected, if there is one. */
    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new InvalidInputException(fields);
        }
    }

    /** Adds {@code reason} for {@code field} when {@code condition} holds. */
    public Problems addIf(boolean condition, String field, String reason) {
        requireNonNull(reason, "reason is null");
        if (condition) {
            add(field, reason);
        }
        return this;
    }
}
