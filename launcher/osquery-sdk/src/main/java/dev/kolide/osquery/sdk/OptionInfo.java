package dev.kolide.osquery.sdk;

import static java.util.Objects.requireNonNull;

/** osquery's {@code InternalOptionInfo}: one flag's value, default and type as the manager reports them. */
public record OptionInfo(String value, String defaultValue, String type) {
    public OptionInfo {
        requireNonNull(value, "value is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(type, "type is null");
    }
}
