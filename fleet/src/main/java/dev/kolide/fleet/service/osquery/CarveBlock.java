package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

/**
 * One block of a carve ({@code --carver_continue_endpoint}).
 *
 * @param sessionId from {@link CarveSession}; authenticates the block with {@code requestId}
 * @param requestId the carve's distributed query id, as announced at the beginning
 * @param blockId 0, 1, 2 ... in order
 * @param data the block's bytes, decoded from the wire's base64
 */
public record CarveBlock(String sessionId, String requestId, long blockId, byte[] data) {

    public CarveBlock {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(data, "data is null");
    }

    /** Leaves out the session id and the data. */
    @Override
    public String toString() {
        return "CarveBlock[requestId=" + requestId + ", blockId=" + blockId + ", bytes=" + data.length + "]";
    }
}
