package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One host's answer to a campaign.
 *
 * @param error osquery's error message, or {@code null} when the query succeeded
 */
public record LiveResult(long campaignId, long hostId, List<Map<String, String>> rows, String error) {

    public LiveResult {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
