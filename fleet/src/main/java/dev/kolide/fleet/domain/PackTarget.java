package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/** One target of a pack: a label (its hosts) or a single host. */
public record PackTarget(long id, long packId, TargetType type, long targetId) {

    public PackTarget {
        requireNonNull(type, "type is null");
    }
}
