package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** Admins manage fleet; observers can read and run saved queries (Kolide Fleet's admin flag, with fleetdm's observer). */
public enum UserRole {
    ADMIN,
    OBSERVER;

    /** The lower-case name stored in the database and used on the wire. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static UserRole fromValue(String value) {
        requireNonNull(value, "value is null");
        for (UserRole v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown user role \"" + value + "\"; one of admin, observer");
    }
}
