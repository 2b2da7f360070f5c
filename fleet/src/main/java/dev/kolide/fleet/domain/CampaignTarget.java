package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/** One target of a live-query campaign: a label (its hosts) or a single host. */
public record CampaignTarget(long id, long campaignId, TargetType type, long targetId) {

    public CampaignTarget {
        requireNonNull(type, "type is null");
    }
}
