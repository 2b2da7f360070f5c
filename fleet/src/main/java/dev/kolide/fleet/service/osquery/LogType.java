package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of osquery logs: scheduled query results, and osquery's own status lines. */
public enum LogType {
    RESULT,
    STATUS;

    /** The name osquery sends in {@code log_type}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code value} exactly ({@code result} or {@code status}), if any. */
    public static Optional<LogType> fromValue(String value) {
        requireNonNull(value, "value is null");
        for (LogType type : values()) {
            if (type.value().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
