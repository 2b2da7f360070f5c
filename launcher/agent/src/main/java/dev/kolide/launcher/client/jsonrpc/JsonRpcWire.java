package dev.kolide.launcher.client.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.launcher.client.Failures;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.QueryResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON of launcher's JSON-RPC transport: request params, the envelope, and the reply's result object.
 *
 * <p>Confirmed against Kolide's Go sources (facts only; kolide/launcher {@code pkg/service/*.go} at the reference
 * version's era, kolide/osquery-go {@code plugin/distributed/distributed.go}, go-kit/kit
 * {@code transport/http/jsonrpc/{client.go,request_response_types.go,error.go}}). Go's encoding/json writes an
 * untagged field under its Go name ({@code EnrollmentDetails}, {@code LogType}, {@code Queries}, {@code Err}) and
 * matches names case-insensitively when reading, so {@link JsonRpcReply} does too.
 *
 * <p><b>Envelope</b> (go-kit {@code Request}/{@code Response}/{@code Error}): POST {@code https://<host:port>/},
 * {@code Content-Type: application/json; charset=utf-8}, body {@code {"jsonrpc":"2.0","method":M,"params":P,
 * "id":N}} (go-kit's client numbers ids 0, 1, …; older go-kit sent {@code "jsonrpc":""}); reply
 * {@code {"jsonrpc":"2.0","result":R,"error":{"code":int,"message":str,"data":any},"id":N}}, result and error
 * each omitted when empty. go-kit's client ignores the HTTP status and decodes the body; this one treats a
 * non-2xx status as a failure too.
 *
 * <p><b>Requests</b> ({@code params}):
 * <ul>
 *   <li>RequestEnrollment ({@code request_enrollment.go}, {@code enrollmentRequest}, {@code EnrollmentDetails}):
 *       {@code {"enroll_secret","host_identifier","EnrollmentDetails":{"os_version","os_build_id","os_platform",
 *       "hostname","hardware_vendor","hardware_model","hardware_serial","osquery_version","launcher_version",
 *       "os_name","os_platform_like","goos","goarch"}}}: no hardware_uuid.</li>
 *   <li>RequestConfig, RequestQueries ({@code configRequest}, {@code queriesRequest}): {@code {"node_key"}}.</li>
 *   <li>PublishLogs ({@code publish_logs.go}, {@code logCollection}): {@code {"node_key","LogType":int,
 *       "Logs":[str]}}; LogType is osquery-go's logger type (string 0, snapshot 1, health 2, init 3, status 4),
 *       not the proto's: see {@link #logType(LogKind)}.</li>
 *   <li>PublishResults ({@code publish_results.go}, {@code resultCollection} of osquery-go
 *       {@code distributed.Result}): {@code {"node_key","Results":[{"query_name","status":int,
 *       "rows":[{column:value}]}]}} (osquery-go tagged Result's fields so; its first versions did not).</li>
 *   <li>CheckHealth ({@code check_health.go}, {@code healthcheckRequest}): Go sends {@code {}} and its server
 *       reads nothing; this client sends {@code {"node_key"}}, which such a server ignores and a server that
 *       wants to know who asks can read.</li>
 * </ul>
 *
 * <p><b>Replies</b> ({@code result}); {@code Err} is a Go {@code error} marshalled as {@code null} or an object
 * ({@code {}}), so any non-null {@code Err} means the server failed:
 * <ul>
 *   <li>RequestEnrollment ({@code enrollmentResponse}): {@code {"node_key","node_invalid":bool,"error_code",
 *       "Err"}}.</li>
 *   <li>RequestConfig ({@code configResponse}): {@code {"config","node_invalid":bool,"error_code"}}; there the
 *       Go error itself is tagged {@code error_code,omitempty}, so error_code may be an object.</li>
 *   <li>RequestQueries ({@code request_queries.go}, {@code queryCollectionResponse} with osquery-go's
 *       {@code GetQueriesResult}): {@code {"Queries":{"queries":{name:sql},"discovery":{name:sql},
 *       "accelerate":int},"node_invalid":bool,"error_code","Err"}}: a map, name → SQL, not a list;
 *       discovery and accelerate have no place in KolideService and are ignored.</li>
 *   <li>PublishLogs ({@code publishLogsResponse}): {@code {"message","node_invalid":bool,"error_code","err"}}
 *       (the last two omitted when empty).</li>
 *   <li>PublishResults ({@code publishResultsResponse}): {@code {"message","error_code","node_invalid":bool,
 *       "Err"}}.</li>
 *   <li>CheckHealth ({@code healthcheckResponse}): {@code {"status":int,"Err"}}, status numbered as the proto's
 *       ServingStatus (1 = SERVING).</li>
 * </ul>
 */
final class JsonRpcWire {

    static final String VERSION = "2.0";

    private final ObjectMapper mapper;
    private final Failures failures;

    JsonRpcWire(ObjectMapper mapper, Failures failures) {
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.failures = requireNonNull(failures, "failures is null");
    }

    ObjectNode enrollmentParams(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        ObjectNode params = mapper.createObjectNode()
                .put("enroll_secret", enrollSecret)
                .put("host_identifier", hostIdentifier);
        params.putObject("EnrollmentDetails")
                .put("os_version", details.osVersion())
                .put("os_build_id", details.osBuild())
                .put("os_platform", details.osPlatform())
                .put("hostname", details.hostname())
                .put("hardware_vendor", details.hardwareVendor())
                .put("hardware_model", details.hardwareModel())
                .put("hardware_serial", details.hardwareSerial())
                .put("osquery_version", details.osqueryVersion())
                .put("launcher_version", details.launcherVersion())
                .put("os_name", details.osName())
                .put("os_platform_like", details.osPlatformLike())
                .put("goos", details.goos())
                .put("goarch", details.goarch());
        return params;
    }

    ObjectNode nodeKeyParams(String nodeKey) {
        return mapper.createObjectNode().put("node_key", nodeKey);
    }

    ObjectNode logParams(String nodeKey, LogKind kind, List<String> logs) {
        ObjectNode params = nodeKeyParams(nodeKey).put("LogType", logType(kind));
        ArrayNode array = params.putArray("Logs");
        logs.forEach(log -> array.add(requireNonNull(log, "a log is null")));
        return params;
    }

    ObjectNode resultParams(String nodeKey, List<QueryResult> results) {
        ObjectNode params = nodeKeyParams(nodeKey);
        ArrayNode array = params.putArray("Results");
        for (QueryResult result : results) {
            ObjectNode wire = array.addObject()
                    .put("query_name", result.queryName())
                    .put("status", result.status());
            ArrayNode rows = wire.putArray("rows");
            for (Map<String, String> row : result.rows()) {
                ObjectNode columns = rows.addObject();
                row.forEach((column, value) -> columns.put(column, requireNonNull(value,
                        () -> "query " + result.queryName() + ": column " + column + " is null")));
            }
        }
        return params;
    }

    /**
     * osquery-go's logger type for {@code kind}: results were osquery's {@code string} logs (0), status logs 4.
     * Agent logs have no osquery type; health (2) is one of those gRPC's encoder turns into AGENT.
     */
    static int logType(LogKind kind) {
        return switch (kind) {
            case RESULT -> 0;
            case STATUS -> 4;
            case AGENT -> 2;
        };
    }

    /** The request body. */
    byte[] request(String method, ObjectNode params, long id) {
        ObjectNode envelope = mapper.createObjectNode()
                .put("jsonrpc", VERSION)
                .put("method", method);
        envelope.set("params", params);
        envelope.put("id", id);
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding the " + method + " request", e);
        }
    }

    /** The {@code result} of a reply body, or the failure its {@code error} (or its malformation) says. */
    JsonRpcReply reply(String method, byte[] body) {
        JsonNode envelope = parse(method, body);
        JsonNode error = envelope.get("error");
        if (error != null && !error.isNull()) {
            throw failures.unavailable(method, "the server answered with JSON-RPC error " + describeError(error));
        }
        JsonNode result = envelope.get("result");
        if (result == null || result.isNull()) {
            throw failures.unavailable(method, "the reply has neither a result nor an error");
        }
        if (!result.isObject()) {
            throw failures.unavailable(method, "the reply's result is a " + result.getNodeType()
                    + ", expected an object");
        }
        return new JsonRpcReply(method, (ObjectNode) result, failures);
    }

    /** A JSON-RPC error object from a reply body, if it holds one: for messages about non-2xx replies. */
    String errorIn(byte[] body) {
        try {
            JsonNode error = mapper.readTree(body).get("error");
            return error != null && error.isObject() ? describeError(error) : null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: the caller reports the status alone
        }
    }

    private JsonNode parse(String method, byte[] body) {
        JsonNode envelope;
        try {
            envelope = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw failures.unavailable(method, "the reply is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw failures.unavailable(method, "reading the reply: " + e, e);
        }
        if (envelope == null || !envelope.isObject()) {
            throw failures.unavailable(method, "the reply is not a JSON-RPC response object");
        }
        return envelope;
    }

    private static String describeError(JsonNode error) {
        if (!error.isObject()) {
            return error.toString();
        }
        StringBuilder text = new StringBuilder();
        text.append(error.path("code").asText("?")).append(": ").append(error.path("message").asText(""));
        JsonNode data = error.get("data");
        if (data != null && !data.isNull()) {
            text.append(" (data: ").append(data).append(')');
        }
        return text.toString();
    }
}
