package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** Dynamic labels take their members from the label query run on each host; manual labels from an explicit host list. */
public enum LabelMembershipType {
    DYNAMIC,
    MANUAL;

    /** The lower-case name stored in the database and used on the wire. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static LabelMembershipType fromValue(String value) {
        requireNonNull(value, "value is null");
        for (LabelMembershipType v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown label membership type \"" + value + "\"; one of dynamic, manual");
    }
}
