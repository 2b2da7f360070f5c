package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An enrolled osquery host.
 *
 * @param id fleet's id for the host
 * @param osqueryHostId the identifier osquery enrolled with ({@code --host_identifier}: uuid, hostname ...);
 *     unique, re-enrolling with the same one updates this host
 * @param nodeKey the secret the host authenticates with; rotated at every enrollment
 * @param enrollSecretName name of the enroll secret the host last enrolled with
 * @param createdAt first enrollment
 * @param updatedAt last change to the row
 * @param detailUpdatedAt when the detail queries last reported; {@link #NEVER} until they do
 * @param labelUpdatedAt when label queries last reported; {@link #NEVER} until they do
 * @param seenTime last check-in
 * @param inventory what the detail queries found
 * @param intervals the osquery intervals the host reported, which decide when it counts as online
 * @param additional JSON object of the app config's additional queries results, or {@code null}
 */
public record Host(
        long id,
        String osqueryHostId,
        String nodeKey,
        String enrollSecretName,
        Instant createdAt,
        Instant updatedAt,
        Instant detailUpdatedAt,
        Instant labelUpdatedAt,
        Instant seenTime,
        HostInventory inventory,
        HostIntervals intervals,
        String additional) {

    /** The "long ago" that enrollment writes into detail/label update times so the first check-in asks for all. */
    public static final Instant NEVER = Instant.EPOCH;

    public Host {
        requireNonNull(osqueryHostId, "osqueryHostId is null");
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(enrollSecretName, "enrollSecretName is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(detailUpdatedAt, "detailUpdatedAt is null");
        requireNonNull(labelUpdatedAt, "labelUpdatedAt is null");
        requireNonNull(seenTime, "seenTime is null");
        requireNonNull(inventory, "inventory is null");
        requireNonNull(intervals, "intervals is null");
    }

    /** This host's status at {@code now}; see {@link HostStatus#of(Host, Instant)}. */
    public HostStatus status(Instant now) {
        return HostStatus.of(this, now);
    }

    /** Whether the host enrolled less than {@link HostStatus#NEW_FOR} before {@code now}. */
    public boolean isNew(Instant now) {
        return HostStatus.isNew(this, now);
    }

    /** Leaves out the node key, which authenticates the host. */
    @Override
    public String toString() {
        return "Host[id=" + id + ", osqueryHostId=" + osqueryHostId + ", hostname=" + inventory.hostname()
                + ", platform=" + inventory.platform() + ", enrollSecretName=" + enrollSecretName
                + ", createdAt=" + createdAt + ", seenTime=" + seenTime + ", detailUpdatedAt=" + detailUpdatedAt
                + ", labelUpdatedAt=" + labelUpdatedAt + "]";
    }
}
