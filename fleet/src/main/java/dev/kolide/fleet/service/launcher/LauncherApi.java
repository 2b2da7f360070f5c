package dev.kolide.fleet.service.launcher;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import dev.kolide.fleet.service.osquery.DistributedQueries;
import dev.kolide.fleet.service.osquery.DistributedResults;
import dev.kolide.fleet.service.osquery.EnrollRequest;
import dev.kolide.fleet.service.osquery.InvalidOsqueryRequestException;
import dev.kolide.fleet.service.osquery.LogType;
import dev.kolide.fleet.service.osquery.OsqueryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's six calls (reference fleet.md §3) on top of the {@link OsqueryService}, shared by the gRPC and
 * JSON-RPC transports so that neither repeats the mapping. Failures are the osquery service's exceptions, left
 * for the transport to answer in its own way: {@link dev.kolide.fleet.service.osquery.HostAuthenticationException}
 * (the launcher must enroll again), {@link InvalidOsqueryRequestException}, {@link
 * dev.kolide.fleet.service.osquery.LogsNotStoredException} and {@link dev.kolide.fleet.datastore.DatastoreException}.
 * Thread-safe.
 */
public final class LauncherApi {

    /** The options the launcher sets itself: it is osqueryd's logger and distributed plugin. */
    static final List<String> LAUNCHER_MANAGED_OPTIONS = List.of("distributed_plugin", "logger_plugin");

    private final Logger log = LoggerFactory.getLogger(LauncherApi.class);
    private final OsqueryService osquery;
    private final BooleanSupplier healthy;
    private final ObjectMapper json;

    /**
     * @param healthy whether fleet can serve (its health checks pass); asked on every CheckHealth
     * @param json encodes the config
     */
    public LauncherApi(OsqueryService osquery, BooleanSupplier healthy, ObjectMapper json) {
        this.osquery = requireNonNull(osquery, "osquery is null");
        this.healthy = requireNonNull(healthy, "healthy is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Enrolls the host as osquery enrollment does, its details stored on the host; returns the node key. */
    public String enroll(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        requireNonNull(details, "details is null");
        // The launcher's platform is in the details; osquery's platform_type bit mask has no counterpart.
        EnrollRequest request = new EnrollRequest(orEmpty(enrollSecret), orEmpty(hostIdentifier), "",
                details.toHostDetails());
        return osquery.enroll(request).nodeKey();
    }

    /**
     * The host's osquery config as JSON text, without {@code options.distributed_plugin} and
     * {@code options.logger_plugin}: the launcher registers itself as both, and fleet's defaults ({@code tls})
     * would point osqueryd past it.
     */
    public String config(String nodeKey) {
        AuthenticatedHost host = osquery.authenticate(orEmpty(nodeKey));
        ObjectNode config = osquery.config(host).json();
        JsonNode options = config.get("options");
        if (options instanceof ObjectNode object) {
            object.remove(LAUNCHER_MANAGED_OPTIONS);
        }
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding the config of host " + host.id(), e);
        }
    }

    /**
     * The id of the host {@code nodeKey} belongs to, for a live-query stream; counts as a check-in.
     *
     * @throws dev.kolide.fleet.service.osquery.HostAuthenticationException for an unknown key
     */
    public long hostId(String nodeKey) {
        return osquery.authenticate(orEmpty(nodeKey)).id();
    }

    /** The queries the host should run now (name → SQL) and, for JSON-RPC, how long to check in faster. */
    public DistributedQueries queries(String nodeKey) {
        AuthenticatedHost host = osquery.authenticate(orEmpty(nodeKey));
        return osquery.distributedRead(host);
    }

    /**
     * Stores the host's logs: results and status lines go where osquery's do. Agent logs (the launcher's own
     * diagnostics, not osquery JSON) have no destination in fleet; they are accepted, so that the launcher does
     * not resend them forever, and logged at debug.
     */
    public void publishLogs(String nodeKey, LauncherLogType type, List<String> logs) {
        requireNonNull(type, "type is null");
        requireNonNull(logs, "logs is null");
        AuthenticatedHost host = osquery.authenticate(orEmpty(nodeKey));
        switch (type) {
            case RESULT -> osquery.submitLogs(host, LogType.RESULT, singleLines(logs));
            case STATUS -> osquery.submitLogs(host, LogType.STATUS, singleLines(logs));
            case AGENT -> {
                if (log.isDebugEnabled()) {
                    for (String line : logs) {
                        log.debug("agent log of host {}: {}", host.id(), line);
                    }
                }
            }
        }
    }

    /** Takes in the host's answers to the queries of {@link #queries}, with their statuses. */
    public void publishResults(String nodeKey, List<QueryResult> results) {
        requireNonNull(results, "results is null");
        AuthenticatedHost host = osquery.authenticate(orEmpty(nodeKey));
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (QueryResult result : results) {
            if (rows.put(result.queryName(), result.rows()) != null) {
                throw new InvalidOsqueryRequestException("query " + shortened(result.queryName())
                        + " has more than one result");
            }
            statuses.put(result.queryName(), result.status());
        }
        osquery.distributedWrite(host, new DistributedResults(rows, statuses, Map.of()));
    }

    /** Whether fleet's health checks pass. */
    public boolean healthy() {
        return healthy.getAsBoolean();
    }

    /**
     * The logs, each on one line: a log that is JSON spread over lines (osquery sends compact JSON, but a
     * launcher may buffer what it was handed) is made compact; anything else with a line break is left for the
     * service to refuse, since a destination holds a log per line.
     */
    private List<String> singleLines(List<String> logs) {
        List<String> lines = new ArrayList<>(logs.size());
        for (String line : logs) {
            requireNonNull(line, "log line is null");
            if (line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
                lines.add(line);
                continue;
            }
            try {
                lines.add(json.writeValueAsString(json.readTree(line)));
            } catch (JsonProcessingException e) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String shortened(String name) {
        return "\"" + (name.length() <= 80 ? name : name.substring(0, 80) + "...") + "\"";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
