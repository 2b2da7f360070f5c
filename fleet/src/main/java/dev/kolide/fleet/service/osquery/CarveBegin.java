package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

/**
 * osquery's announcement of a file carve ({@code --carver_start_endpoint}).
 *
 * @param blockCount how many blocks will follow
 * @param blockSize bytes per block ({@code --carver_block_size}); the last block may be shorter
 * @param carveSize total bytes (of the tar osquery made, compressed or not)
 * @param carveId osquery's GUID for the carve
 * @param requestId the distributed query that asked for it; each block repeats it
 */
public record CarveBegin(long blockCount, long blockSize, long carveSize, String carveId, String requestId) {

    public CarveBegin {
        requireNonNull(carveId, "carveId is null");
        requireNonNull(requestId, "requestId is null");
    }
}
