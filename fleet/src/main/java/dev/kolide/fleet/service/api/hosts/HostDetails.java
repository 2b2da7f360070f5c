package dev.kolide.fleet.service.api.hosts;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.Label;
import java.util.List;

/** A host as the REST API shows it: its status now (online, offline or mia) and its labels. */
public record HostDetails(Host host, HostStatus status, List<Label> labels) {

    public HostDetails {
        requireNonNull(host, "host is null");
        requireNonNull(status, "status is null");
        labels = List.copyOf(labels);
    }
}
