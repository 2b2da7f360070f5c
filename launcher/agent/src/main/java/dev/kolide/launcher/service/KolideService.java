package dev.kolide.launcher.service;

import java.util.List;

/**
 * What the launcher asks of its server, whatever the wire: gRPC {@code kolide.agent.Api} or JSON-RPC (reference
 * launcher.md §1.6). One method per RPC. Implementations are thread-safe.
 *
 * <p>Failures:
 * <ul>
 *   <li>{@link NodeInvalidException}: the server refused the node key or enroll secret ({@code node_invalid},
 *       or gRPC {@code UNAUTHENTICATED}); the caller re-enrolls and retries once;</li>
 *   <li>{@link ServiceUnavailableException}: the server could not be reached or answered with an error; nothing
 *       is known to have been accepted, so the caller keeps its data and tries again later.</li>
 * </ul>
 */
public interface KolideService {

    /** Enrolls this host; returns its new node key. */
    String requestEnrollment(String enrollSecret, String hostIdentifier, EnrollmentDetails details);

    /** The osquery config (a JSON document) the server holds for this host. */
    String requestConfig(String nodeKey);

    /** The distributed queries the host should run now (empty when none). */
    List<DistributedQuery> requestQueries(String nodeKey);

    /** Hands over a batch of logs of one type; returns only once the server accepted them. */
    void publishLogs(String nodeKey, LogKind kind, List<String> logs);

    /** Hands over the answers to distributed queries. */
    void publishResults(String nodeKey, List<QueryResult> results);

    /** Whether the server says it is serving. */
    boolean checkHealth(String nodeKey);
}
