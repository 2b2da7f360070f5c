package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** A live-query campaign's life: created (waiting for a viewer), running, complete. */
public enum CampaignStatus {
    WAITING,
    RUNNING,
    COMPLETE;

    /** The lower-case name stored in the database and used on the wire. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #value()}; throws IllegalArgumentException for anything else. */
    public static CampaignStatus fromValue(String value) {
        requireNonNull(value, "value is null");
        for (CampaignStatus v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown campaign status \"" + value + "\"; one of waiting, running, complete");
    }
}
