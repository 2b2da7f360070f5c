package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Host;
import java.util.Set;

/**
 * A host that presented a valid node key, with the ids of the labels it belongs to (which decide the packs in its
 * config). Comes from the authentication cache, so it may be a few seconds behind changes made on other nodes.
 */
public record AuthenticatedHost(Host host, Set<Long> labelIds) {

    public AuthenticatedHost {
        requireNonNull(host, "host is null");
        labelIds = Set.copyOf(requireNonNull(labelIds, "labelIds is null"));
    }

    public long id() {
        return host.id();
    }
}
