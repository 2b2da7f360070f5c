package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** What a pack or a live-query campaign targets: a label (all its hosts) or one host. */
public enum TargetType {
    LABEL,
    HOST;

    /** The lower-case name stored in the database and used on the wire. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static TargetType fromValue(String value) {
        requireNonNull(value, "value is null");
        for (TargetType v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown target type \"" + value + "\"; one of label, host");
    }
}
