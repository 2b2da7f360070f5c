package dev.kolide.fleet.transport.http.osquery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The osquery TLS API's request bodies (reference §1.2), as the JSON codec decodes them (snake_case names).
 * Fields that osquery versions send with varying types ({@code platform_type}, numbers, result rows, statuses)
 * are JSON trees, read by {@link WireValues} with their own error messages.
 */
final class OsqueryWire {

    private OsqueryWire() {}

    /** {@code /enroll}. */
    record EnrollBody(String enrollSecret, String hostIdentifier, JsonNode platformType, JsonNode hostDetails) {
        @Override
        public String toString() {
            return "EnrollBody[hostIdentifier=" + hostIdentifier + "]";
        }
    }

    /** {@code /config}, {@code /distributed/read}: only the node key (which may come in a header instead). */
    record NodeKeyBody(String nodeKey) {
        @Override
        public String toString() {
            return "NodeKeyBody[]";
        }
    }

    /** {@code /log}. */
    record LogBody(String nodeKey, String logType, JsonNode data) {
        @Override
        public String toString() {
            return "LogBody[logType=" + logType + "]";
        }
    }

    /** {@code /distributed/write}; {@code stats} is accepted and ignored. */
    record WriteBody(String nodeKey, JsonNode queries, JsonNode statuses, JsonNode messages, JsonNode stats) {
        @Override
        public String toString() {
            return "WriteBody[]";
        }
    }

    /** {@code /carve/begin}. */
    record CarveBeginBody(JsonNode blockCount, JsonNode blockSize, JsonNode carveSize, String carveId,
            String requestId, String nodeKey) {
        @Override
        public String toString() {
            return "CarveBeginBody[carveId=" + carveId + ", requestId=" + requestId + "]";
        }
    }

    /** {@code /carve/block}: no node key; the session id authenticates it. */
    record CarveBlockBody(JsonNode blockId, String sessionId, String requestId, String data) {
        @Override
        public String toString() {
            return "CarveBlockBody[requestId=" + requestId + "]";
        }
    }
}
