package dev.kolide.fleet.service.api.hosts;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.Label;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Adds status and labels to hosts, for every service that lists hosts (hosts, a label's hosts, target search):
 * one status instant per list, and the labels of the whole list in one statement per 500 hosts.
 */
public final class HostDetailsLoader {

    private final LabelStore labels;
    private final Clock clock;

    public HostDetailsLoader(LabelStore labels, Clock clock) {
        this.labels = requireNonNull(labels, "labels is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public List<HostDetails> load(List<Host> hosts) {
        requireNonNull(hosts, "hosts is null");
        if (hosts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, List<Label>> byHost = labels.listForHosts(hosts.stream().map(Host::id).toList());
        return hosts.stream()
                .map(host -> new HostDetails(host, HostStatus.of(host, now), byHost.getOrDefault(host.id(), List.of())))
                .toList();
    }

    public HostDetails load(Host host) {
        requireNonNull(host, "host is null");
        return new HostDetails(host, HostStatus.of(host, clock.instant()), labels.listForHost(host.id()));
    }
}
