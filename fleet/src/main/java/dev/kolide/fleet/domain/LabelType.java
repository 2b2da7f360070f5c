package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** Built-in labels come with fleet (seeded by a migration) and cannot be changed or deleted; regular ones are users'. */
public enum LabelType {
    BUILTIN,
    REGULAR;

    /** The lower-case name stored in the database and used on the wire. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static LabelType fromValue(String value) {
        requireNonNull(value, "value is null");
        for (LabelType v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown label type \"" + value + "\"; one of builtin, regular");
    }
}
