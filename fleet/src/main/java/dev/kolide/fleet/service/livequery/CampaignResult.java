package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.hosts.HostDetails;
import java.util.List;
import java.util.Map;

/** A host's answer as a watcher receives it: with the host's details. {@code error} null on success. */
public record CampaignResult(long campaignId, HostDetails host, List<Map<String, String>> rows, String error) {

    public CampaignResult {
        requireNonNull(host, "host is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
