package dev.kolide.fleet.service.osquery;

import dev.kolide.fleet.domain.Host;
import java.util.List;
import java.util.Map;

/**
 * Where live queries (issue 4) plug into check-ins. A distributed read asks {@link #pendingFor} for the host's
 * pending live queries and hands them out as {@code kolide_distributed_query_<name>}; the write passes each answer
 * to {@link #record}. Both run on every check-in: an implementation must answer from memory (fleetdm's lesson:
 * no scans of a shared store per check-in) and be thread-safe.
 */
public interface LiveQuerySource {

    /** The host's pending live queries: name (a campaign id) → SQL; empty when there are none. */
    Map<String, String> pendingFor(Host host);

    /**
     * The host's answer to live query {@code name}.
     *
     * @param status osquery's status, 0 = success
     * @param error osquery's error message when it failed, else {@code ""}
     */
    void record(Host host, String name, List<Map<String, String>> rows, int status, String error);

    /** No live queries: nothing is ever pending, and answers are dropped. */
    static LiveQuerySource none() {
        return new LiveQuerySource() {
            @Override
            public Map<String, String> pendingFor(Host host) {
                return Map.of();
            }

            @Override
            public void record(Host host, String name, List<Map<String, String>> rows, int status, String error) {
                // nothing asked, nothing to record
            }
        };
    }
}
