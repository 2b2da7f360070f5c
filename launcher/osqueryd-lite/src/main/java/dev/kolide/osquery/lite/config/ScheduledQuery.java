package dev.kolide.osquery.lite.config;

import static java.util.Objects.requireNonNull;

/**
 * One query of the schedule: its log name ({@code pack<delim><pack><delim><query>} for pack queries), SQL,
 * interval in seconds, and whether it logs snapshots and removed rows.
 */
public record ScheduledQuery(String name, String sql, long interval, boolean snapshot, boolean removed) {
    public ScheduledQuery {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        if (interval <= 0) {
            throw new IllegalArgumentException("query " + name + ": interval must be positive, not " + interval);
        }
    }
}
