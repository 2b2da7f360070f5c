package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

/** A successful enrollment: the host's id and the node key it must present from now on. */
public record Enrollment(long hostId, String nodeKey) {

    public Enrollment {
        requireNonNull(nodeKey, "nodeKey is null");
    }

    /** Leaves out the node key. */
    @Override
    public String toString() {
        return "Enrollment[hostId=" + hostId + "]";
    }
}
