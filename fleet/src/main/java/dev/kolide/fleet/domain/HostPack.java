package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An enabled pack that applies to a host, with its scheduled queries: one entry of the host's osquery config. */
public record HostPack(Pack pack, List<ScheduledQuery> queries) {

    public HostPack {
        requireNonNull(pack, "pack is null");
        queries = List.copyOf(queries);
    }
}
