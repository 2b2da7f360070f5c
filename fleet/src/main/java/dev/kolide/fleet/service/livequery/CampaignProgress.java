package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.TargetMetrics;

/**
 * Where a campaign stands: its targets counted by status now, and whether it is over (completed, or no longer
 * running on the bus).
 */
public record CampaignProgress(TargetMetrics totals, boolean finished) {

    public CampaignProgress {
        requireNonNull(totals, "totals is null");
    }
}
