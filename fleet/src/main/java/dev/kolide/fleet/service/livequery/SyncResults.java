package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.hosts.HostDetails;
import java.util.List;

/** What {@code queries/run_sync} gathered before the campaign finished or the wait ran out. */
public record SyncResults(long campaignId, List<CampaignResult> results, List<HostDetails> hostsWithoutResults,
        boolean finished) {

    public SyncResults {
        results = List.copyOf(requireNonNull(results, "results is null"));
        hostsWithoutResults = List.copyOf(requireNonNull(hostsWithoutResults, "hostsWithoutResults is null"));
    }
}
