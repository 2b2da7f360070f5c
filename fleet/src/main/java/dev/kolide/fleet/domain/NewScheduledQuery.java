package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/**
 * What a user supplies to schedule a saved query in a pack; see {@link ScheduledQuery} for the fields.
 * A blank {@code name} takes {@code queryName}.
 */
public record NewScheduledQuery(
        long packId,
        String name,
        String queryName,
        String description,
        int interval,
        Boolean snapshot,
        Boolean removed,
        String platform,
        String version,
        Integer shard) {

    public NewScheduledQuery {
        requireNonNull(queryName, "queryName is null");
        requireNonNull(description, "description is null");
        if (name == null || name.isBlank()) {
            name = queryName;
        }
        if (interval < 0) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        if (shard != null && (shard < 0 || shard > 100)) {
            throw new IllegalArgumentException("shard must be within 0..100: " + shard);
        }
    }

    /** A query run every {@code interval} seconds, with every option left unset. */
    public static NewScheduledQuery of(long packId, String queryName, int interval) {
        return new NewScheduledQuery(packId, queryName, queryName, "", interval, null, null, null, null, null);
    }
}
