package dev.kolide.fleet.service.api;

import static java.util.Objects.requireNonNull;

/**
 * One refused input value: the field as the client named it ({@code password}, {@code specs[2].name}), or
 * {@value #BASE} for the request as a whole, and why.
 */
public record InvalidField(String name, String reason) {

    public static final String BASE = "base";

    public InvalidField {
        requireNonNull(name, "name is null");
        requireNonNull(reason, "reason is null");
    }
}
