package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A file carve osquery is uploading (or uploaded) in blocks.
 *
 * @param name unique name shown to users (fleetdm's: hostname, time, request id)
 * @param blockCount blocks osquery announced
 * @param blockSize bytes per block (the last may be shorter)
 * @param carveSize total bytes announced
 * @param carveId osquery's carve GUID
 * @param requestId the distributed query that asked for the carve
 * @param sessionId the secret fleet handed osquery to send blocks with
 * @param expired blocks were deleted after the retention period; the metadata stays
 * @param maxBlock highest block id received so far, -1 before the first
 */
public record CarveMetadata(
        long id,
        long hostId,
        String name,
        long blockCount,
        long blockSize,
        long carveSize,
        String carveId,
        String requestId,
        String sessionId,
        Instant createdAt,
        boolean expired,
        long maxBlock) {

    public CarveMetadata {
        requireNonNull(name, "name is null");
        requireNonNull(carveId, "carveId is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** Blocks stored so far: they are always 0 .. maxBlock. */
    public long blocksReceived() {
        return maxBlock + 1;
    }

    /** Whether every announced block has arrived. */
    public boolean isComplete() {
        return blocksReceived() >= blockCount;
    }

    /** Leaves out the session id, which authenticates block uploads. */
    @Override
    public String toString() {
        return "CarveMetadata[id=" + id + ", hostId=" + hostId + ", name=" + name + ", blockCount=" + blockCount
                + ", blockSize=" + blockSize + ", carveSize=" + carveSize + ", carveId=" + carveId
                + ", requestId=" + requestId + ", createdAt=" + createdAt + ", expired=" + expired
                + ", maxBlock=" + maxBlock + "]";
    }
}
