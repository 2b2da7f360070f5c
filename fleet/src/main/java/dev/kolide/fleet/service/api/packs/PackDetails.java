package dev.kolide.fleet.service.api.packs;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Pack;
import java.util.List;

/**
 * A pack as the REST API shows it: how many queries it schedules, how many distinct hosts its targets reach,
 * and the targets themselves.
 */
public record PackDetails(Pack pack, int queryCount, long totalHostsCount, List<Long> hostIds, List<Long> labelIds) {

    public PackDetails {
        requireNonNull(pack, "pack is null");
        hostIds = List.copyOf(hostIds);
        labelIds = List.copyOf(labelIds);
    }
}
