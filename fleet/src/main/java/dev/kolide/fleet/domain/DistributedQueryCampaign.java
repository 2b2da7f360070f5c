package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One run of a live query over a set of targets.
 *
 * @param queryId the (usually unsaved) query run
 * @param userId who started it, or {@code null} once that user is deleted
 */
public record DistributedQueryCampaign(
        long id, long queryId, CampaignStatus status, Long userId, Instant createdAt, Instant updatedAt) {

    public DistributedQueryCampaign {
        requireNonNull(status, "status is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
