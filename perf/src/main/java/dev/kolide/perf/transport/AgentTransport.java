package dev.kolide.perf.transport;

import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.QueryAnswer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How simulated hosts talk to fleet: the osquery TLS API or the launcher's gRPC API. Every call is asynchronous and
 * shares one client; a failed request completes exceptionally with a {@link TransportFailure}.
 */
public interface AgentTransport extends AutoCloseable {

    /** Enrolls {@code host}, sending {@code details} (the TLS API's host_details tables). */
    CompletableFuture<Replies.Enrolled> enroll(HostIdentity host, Map<String, Map<String, String>> details);

    CompletableFuture<Replies.Ack> config(String nodeKey);

    CompletableFuture<Replies.Queries> readQueries(String nodeKey);

    CompletableFuture<Replies.Ack> writeResults(String nodeKey, Map<String, QueryAnswer> answers);

    /** Sends {@code lines}, each one JSON log line. */
    CompletableFuture<Replies.Ack> publishLogs(String nodeKey, LogType type, List<String> lines);

    /**
     * Opens the stream of live queries fleet pushes to this host, or returns null when this transport does not
     * watch (the TLS API has no such call; the gRPC transport only when asked to).
     */
    default QueryWatch watchQueries(String nodeKey, QueryWatch.Listener listener) {
        return null;
    }

    @Override
    void close();
}
