package dev.kolide.fleet.service.api.packs;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.ScheduledQuery;

/** A scheduled query with the id of the saved query it runs (the REST API's {@code query_id}). */
public record ScheduledQueryDetails(ScheduledQuery scheduled, long queryId) {

    public ScheduledQueryDetails {
        requireNonNull(scheduled, "scheduled is null");
    }
}
