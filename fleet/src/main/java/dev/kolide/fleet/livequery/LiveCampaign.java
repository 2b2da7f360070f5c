package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A running live query as the bus carries it between fleet servers: what to ask, whom, and since when.
 *
 * @param queryName the (unsaved) query's name, used when results go to the result log
 * @param hostIds every host the targets resolved to when it started
 * @param expected how many of them were online then: when that many answered, the campaign is finished
 */
public record LiveCampaign(long id, String queryName, String sql, Set<Long> hostIds, long expected, Instant createdAt) {

    public LiveCampaign {
        requireNonNull(queryName, "queryName is null");
        requireNonNull(sql, "sql is null");
        hostIds = Set.copyOf(requireNonNull(hostIds, "hostIds is null"));
        requireNonNull(createdAt, "createdAt is null");
    }

    /**
     * Whether {@code answers} answers finish the campaign: as many as hosts were online at the start, or every
     * target. With none online it waits for its targets (or the timeout): a host may come back meanwhile.
     */
    public boolean answeredBy(long answers) {
        return (expected > 0 && answers >= expected) || answers >= hostIds.size();
    }
}
