package dev.kolide.fleet.service.osquery.snapshot;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.HostPack;
import java.util.Set;

/** An enabled pack with its scheduled queries, and the labels and hosts it targets. */
public record TargetedPack(HostPack pack, Set<Long> labelIds, Set<Long> hostIds) {

    public TargetedPack {
        requireNonNull(pack, "pack is null");
        labelIds = Set.copyOf(requireNonNull(labelIds, "labelIds is null"));
        hostIds = Set.copyOf(requireNonNull(hostIds, "hostIds is null"));
    }

    /** Whether the pack applies to host {@code hostId}, a member of {@code hostLabelIds}. */
    public boolean targets(long hostId, Set<Long> hostLabelIds) {
        if (hostIds.contains(hostId)) {
            return true;
        }
        for (Long labelId : hostLabelIds) {
            if (labelIds.contains(labelId)) {
                return true;
            }
        }
        return false;
    }
}
