package dev.kolide.fleet.service.api.targets;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import java.util.List;

/**
 * What a target search found (hosts and labels matching the text, leaving out those already selected) and how
 * many distinct hosts the current selection reaches, by status.
 */
public record TargetSearch(List<HostDetails> hosts, List<LabelTarget> labels, TargetMetrics selected) {

    public TargetSearch {
        hosts = List.copyOf(hosts);
        labels = List.copyOf(labels);
        requireNonNull(selected, "selected is null");
    }
}
