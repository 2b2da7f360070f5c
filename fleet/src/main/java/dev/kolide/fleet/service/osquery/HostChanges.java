package dev.kolide.fleet.service.osquery;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import java.time.Instant;

/** Copies of a cached host with what this node just wrote, so that the cache agrees with the database. */
final class HostChanges {

    private HostChanges() {}

    static Host withDetails(Host host, HostInventory inventory, HostIntervals intervals, Instant detailUpdatedAt) {
        return new Host(host.id(), host.osqueryHostId(), host.nodeKey(), host.enrollSecretName(), host.createdAt(),
                host.updatedAt(), detailUpdatedAt, host.labelUpdatedAt(), host.seenTime(), inventory, intervals,
                host.additional());
    }

    static Host withIntervals(Host host, HostIntervals intervals) {
        return withDetails(host, host.inventory(), intervals, host.detailUpdatedAt());
    }

    static Host withAdditional(Host host, String additional) {
        return new Host(host.id(), host.osqueryHostId(), host.nodeKey(), host.enrollSecretName(), host.createdAt(),
                host.updatedAt(), host.detailUpdatedAt(), host.labelUpdatedAt(), host.seenTime(), host.inventory(),
                host.intervals(), additional);
    }

    static Host withLabelUpdatedAt(Host host, Instant labelUpdatedAt) {
        return new Host(host.id(), host.osqueryHostId(), host.nodeKey(), host.enrollSecretName(), host.createdAt(),
                host.updatedAt(), host.detailUpdatedAt(), labelUpdatedAt, host.seenTime(), host.inventory(),
                host.intervals(), host.additional());
    }
}
