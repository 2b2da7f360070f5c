package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/** What the service records when osquery begins a carve; see {@link CarveMetadata} for the fields. */
public record NewCarve(
        long hostId,
        String name,
        long blockCount,
        long blockSize,
        long carveSize,
        String carveId,
        String requestId,
        String sessionId) {

    public NewCarve {
        requireNonNull(name, "name is null");
        requireNonNull(carveId, "carveId is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(sessionId, "sessionId is null");
        if (blockCount < 1 || blockSize < 1 || carveSize < 0) {
            throw new IllegalArgumentException("carve " + name + " has block count " + blockCount
                    + ", block size " + blockSize + ", size " + carveSize);
        }
    }

    /** Leaves out the session id. */
    @Override
    public String toString() {
        return "NewCarve[hostId=" + hostId + ", name=" + name + ", blockCount=" + blockCount + ", blockSize="
                + blockSize + ", carveSize=" + carveSize + ", carveId=" + carveId + ", requestId=" + requestId + "]";
    }
}
