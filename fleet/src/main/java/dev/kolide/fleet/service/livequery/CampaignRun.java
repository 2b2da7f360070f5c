package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.DistributedQueryCampaign;
import dev.kolide.fleet.domain.TargetMetrics;

/** A campaign just started, with its targets counted by host status. */
public record CampaignRun(DistributedQueryCampaign campaign, TargetMetrics metrics) {

    public CampaignRun {
        requireNonNull(campaign, "campaign is null");
        requireNonNull(metrics, "metrics is null");
    }
}
