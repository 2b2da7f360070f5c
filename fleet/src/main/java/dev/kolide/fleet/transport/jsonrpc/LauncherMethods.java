package dev.kolide.fleet.transport.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.service.launcher.EnrollmentDetails;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.launcher.LauncherLogType;
import dev.kolide.fleet.service.launcher.QueryResult;
import dev.kolide.fleet.service.osquery.DistributedQueries;
import dev.kolide.fleet.service.osquery.HostAuthenticationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six methods: params in the shapes launcher's go-kit client sends, results in the shapes it decodes (see
 * docs/fleet-launcher-api.md for both, and where they came from). A refused node key or secret is a normal
 * result with {@code "node_invalid": true}, as over gRPC. Results never carry launcher's {@code Err} fields: Go
 * cannot decode anything but null into an {@code error}, so they are left out, and so is {@code error_code} in
 * RequestConfig's result, where it is such an {@code error}.
 */
final class LauncherMethods {

    /** A method: params in, the result's JSON out. */
    @FunctionalInterface
    interface Method {
        JsonNode call(Params params);
    }

    /** osquery-go's logger.LogType numbers, which launcher's JSON-RPC client sends as {@code LogType}. */
    private static final int LOG_TYPE_STRING = 0;
    private static final int LOG_TYPE_SNAPSHOT = 1;
    private static final int LOG_TYPE_HEALTH = 2;
    private static final int LOG_TYPE_INIT = 3;
    private static final int LOG_TYPE_STATUS = 4;

    private final Logger log = LoggerFactory.getLogger(LauncherMethods.class);
    private final LauncherApi api;
    private final ObjectMapper json;
    private final Map<String, Method> methods;

    LauncherMethods(LauncherApi api, ObjectMapper json) {
        this.api = requireNonNull(api, "api is null");
        this.json = requireNonNull(json, "json is null");
        this.methods = Map.of(
                "RequestEnrollment", this::requestEnrollment,
                "RequestConfig", this::requestConfig,
                "RequestQueries", this::requestQueries,
                "PublishLogs", this::publishLogs,
                "PublishResults", this::publishResults,
                "CheckHealth", this::checkHealth);
    }

    Optional<Method> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    private JsonNode requestEnrollment(Params params) {
        Params d = params.object("EnrollmentDetails");
        EnrollmentDetails details = new EnrollmentDetails(d.text("os_version"), d.text("os_build_id"),
                d.text("os_platform"), d.text("hostname"), d.text("hardware_vendor"), d.text("hardware_model"),
                d.text("hardware_serial"), d.text("osquery_version"), d.text("launcher_version"), d.text("os_name"),
                d.text("os_platform_like"));
        String secret = params.text("enroll_secret");
        String identifier = params.text("host_identifier");
        return orNodeInvalid("RequestEnrollment",
                () -> enrollment(api.enroll(secret, identifier, details), false),
                () -> enrollment("", true));
    }

    private JsonNode requestConfig(Params params) {
        String nodeKey = params.text("node_key");
        return orNodeInvalid("RequestConfig", () -> config(api.config(nodeKey), false), () -> config("", true));
    }

    private JsonNode requestQueries(Params params) {
        String nodeKey = params.text("node_key");
        return orNodeInvalid("RequestQueries", () -> queries(api.queries(nodeKey), false),
                () -> queries(new DistributedQueries(Map.of(), 0), true));
    }

    private JsonNode publishLogs(Params params) {
        String nodeKey = params.text("node_key");
        LauncherLogType type = logType(params.integer("LogType"));
        List<String> logs = params.strings("Logs");
        return orNodeInvalid("PublishLogs", () -> {
            api.publishLogs(nodeKey, type, logs);
            return logsReply(false);
        }, () -> logsReply(true));
    }

    private JsonNode publishResults(Params params) {
        String nodeKey = params.text("node_key");
        List<QueryResult> results = new ArrayList<>();
        for (Params result : params.objects("Results")) {
            results.add(new QueryResult(result.text("query_name"), result.integer("status"), result.rows("rows")));
        }
        return orNodeInvalid("PublishResults", () -> {
            api.publishResults(nodeKey, results);
            return resultsReply(false);
        }, () -> resultsReply(true));
    }

    /** Takes no params (launcher sends none that matter). */
    private JsonNode checkHealth(Params params) {
        return json.createObjectNode().put("status", api.healthy() ? 1 : 2);
    }

    private static LauncherLogType logType(int type) {
        return switch (type) {
            case LOG_TYPE_STRING, LOG_TYPE_SNAPSHOT -> LauncherLogType.RESULT;
            case LOG_TYPE_STATUS -> LauncherLogType.STATUS;
            // health and init are osquery's internal kinds, which launcher does not send; kept as agent logs.
            case LOG_TYPE_HEALTH, LOG_TYPE_INIT -> LauncherLogType.AGENT;
            default -> throw JsonRpcException.invalidParams("params.LogType " + type
                    + " is not an osquery log type (0 string, 1 snapshot, 2 health, 3 init, 4 status)");
        };
    }

    private JsonNode orNodeInvalid(String method, Supplier<JsonNode> call, Supplier<JsonNode> nodeInvalid) {
        try {
            return call.get();
        } catch (HostAuthenticationException e) {
            log.debug("{}: {}", method, e.getMessage());
            return nodeInvalid.get();
        }
    }

    private JsonNode enrollment(String nodeKey, boolean nodeInvalid) {
        return json.createObjectNode().put("node_key", nodeKey).put("node_invalid", nodeInvalid)
                .put("error_code", "");
    }

    private JsonNode config(String config, boolean nodeInvalid) {
        return json.createObjectNode().put("config", config).put("node_invalid", nodeInvalid);
    }

    /** {@code Queries} is osquery-go's GetQueriesResult, which launcher hands to osqueryd as it is. */
    private JsonNode queries(DistributedQueries queries, boolean nodeInvalid) {
        ObjectNode reply = json.createObjectNode();
        ObjectNode result = reply.putObject("Queries");
        ObjectNode names = result.putObject("queries");
        queries.queries().forEach(names::put);
        if (queries.accelerateSeconds() > 0) {
            result.put("accelerate", queries.accelerateSeconds());
        }
        return reply.put("node_invalid", nodeInvalid).put("error_code", "");
    }

    private JsonNode logsReply(boolean nodeInvalid) {
        return json.createObjectNode().put("message", "").put("node_invalid", nodeInvalid);
    }

    private JsonNode resultsReply(boolean nodeInvalid) {
        return json.createObjectNode().put("message", "").put("error_code", "").put("node_invalid", nodeInvalid);
    }
}
