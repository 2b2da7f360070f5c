package dev.kolide.kit.health;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How one named check went; {@code error} is null exactly when it passed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String name, boolean healthy, String error) {

    public CheckResult {
        requireNonNull(name, "name is null");
        if (healthy != (error == null)) {
            throw new IllegalArgumentException("a check result has an error exactly when it is unhealthy");
        }
    }

    public static CheckResult passed(String name) {
        return new CheckResult(name, true, null);
    }

    public static CheckResult failed(String name, String error) {
        return new CheckResult(name, false, requireNonNull(error, "error is null"));
    }
}
