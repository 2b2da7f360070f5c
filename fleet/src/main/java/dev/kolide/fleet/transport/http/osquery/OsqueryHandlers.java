package dev.kolide.fleet.transport.http.osquery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import dev.kolide.fleet.service.osquery.CarveBegin;
import dev.kolide.fleet.service.osquery.CarveBlock;
import dev.kolide.fleet.service.osquery.CarveSession;
import dev.kolide.fleet.service.osquery.CarveSessionException;
import dev.kolide.fleet.service.osquery.DistributedQueries;
import dev.kolide.fleet.service.osquery.DistributedResults;
import dev.kolide.fleet.service.osquery.EnrollRequest;
import dev.kolide.fleet.service.osquery.HostAuthenticationException;
import dev.kolide.fleet.service.osquery.InvalidOsqueryRequestException;
import dev.kolide.fleet.service.osquery.LogType;
import dev.kolide.fleet.service.osquery.LogsNotStoredException;
import dev.kolide.fleet.service.osquery.OsqueryService;
import dev.kolide.fleet.transport.http.errors.ApiException;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.errors.NodeInvalidException;
import dev.kolide.fleet.transport.http.errors.UnauthorizedException;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The osquery TLS API's handlers: decode osquery's JSON, call the {@link OsqueryService}, encode what osquery
 * expects. The service's exceptions become the API's errors here (so the wiring needs no mappings for them):
 * refused node key or enroll secret → 401 with {@code node_invalid}; a malformed request → 400; an unknown
 * carve session → 401 without node_invalid (the node key is fine); logs not stored → 500, so that osquery keeps
 * them and retries.
 *
 * <p>The node key comes from the body's {@code node_key}, or else from {@code Authorization: NodeKey <key>}
 * (newer osquery sends both).
 */
final class OsqueryHandlers {
    private static final String NODE_KEY_SCHEME = "nodekey ";

    private final OsqueryService service;
    private final ObjectMapper json;

    OsqueryHandlers(OsqueryService service, ObjectMapper json) {
        this.service = requireNonNull(service, "service is null");
        this.json = requireNonNull(json, "json is null");
    }

    Object enroll(RouteRequest request) {
        OsqueryWire.EnrollBody body = request.body(OsqueryWire.EnrollBody.class);
        EnrollRequest enroll = new EnrollRequest(WireValues.orEmpty(body.enrollSecret()),
                WireValues.orEmpty(body.hostIdentifier()), WireValues.scalarText(body.platformType(), "platform_type"),
                WireValues.tableRows(body.hostDetails(), "host_details"));
        String nodeKey = call(() -> service.enroll(enroll)).nodeKey();
        return Map.of("node_key", nodeKey);
    }

    Object config(RouteRequest request) {
        OsqueryWire.NodeKeyBody body = bodyOrEmpty(request, OsqueryWire.NodeKeyBody.class,
                () -> new OsqueryWire.NodeKeyBody(null));
        AuthenticatedHost host = authenticate(request, body.nodeKey());
        return call(() -> service.config(host)).json();
    }

    Object distributedRead(RouteRequest request) {
        OsqueryWire.NodeKeyBody body = bodyOrEmpty(request, OsqueryWire.NodeKeyBody.class,
                () -> new OsqueryWire.NodeKeyBody(null));
        AuthenticatedHost host = authenticate(request, body.nodeKey());
        DistributedQueries queries = call(() -> service.distributedRead(host));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("queries", queries.queries());
        if (queries.accelerateSeconds() > 0) {
            reply.put("accelerate", queries.accelerateSeconds());
        }
        return reply;
    }

    Object distributedWrite(RouteRequest request) {
        OsqueryWire.WriteBody body = request.body(OsqueryWire.WriteBody.class);
        AuthenticatedHost host = authenticate(request, body.nodeKey());
        DistributedResults results = new DistributedResults(WireValues.results(body.queries()),
                WireValues.statuses(body.statuses()), WireValues.messages(body.messages()));
        call(() -> {
            service.distributedWrite(host, results);
            return null;
        });
        return JsonReply.empty();
    }

    Object log(RouteRequest request) {
        OsqueryWire.LogBody body = request.body(OsqueryWire.LogBody.class);
        AuthenticatedHost host = authenticate(request, body.nodeKey());
        String logType = WireValues.orEmpty(body.logType());
        LogType type = LogType.fromValue(logType).orElseThrow(() -> new BadRequestException(
                "unknown log_type" + (logType.length() <= 20 ? " \"" + logType + "\"" : "")
                        + "; expected result or status"));
        JsonNode data = body.data();
        if (data == null || !data.isArray()) {
            throw new BadRequestException("data must be an array of log entries");
        }
        List<String> lines = new ArrayList<>(data.size());
        for (JsonNode entry : data) {
            // Compact JSON: a log per line, line breaks inside strings escaped.
            lines.add(compact(entry));
        }
        call(() -> {
            service.submitLogs(host, type, lines);
            return null;
        });
        return JsonReply.empty();
    }

    Object carveBegin(RouteRequest request) {
        OsqueryWire.CarveBeginBody body = request.body(OsqueryWire.CarveBeginBody.class);
        AuthenticatedHost host = authenticate(request, body.nodeKey());
        CarveBegin begin = new CarveBegin(WireValues.wholeNumber(body.blockCount(), "block_count"),
                WireValues.wholeNumber(body.blockSize(), "block_size"),
                WireValues.wholeNumber(body.carveSize(), "carve_size"),
                WireValues.orEmpty(body.carveId()), WireValues.orEmpty(body.requestId()));
        CarveSession session = call(() -> service.carveBegin(host, begin));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("session_id", session.sessionId());
        reply.put("success", true);
        return reply;
    }

    Object carveBlock(RouteRequest request) {
        OsqueryWire.CarveBlockBody body = request.body(OsqueryWire.CarveBlockBody.class);
        long blockId = WireValues.wholeNumber(body.blockId(), "block_id");
        if (body.data() == null) {
            throw new BadRequestException("data is missing");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(body.data());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("data is not valid base64", e);
        }
        CarveBlock block = new CarveBlock(WireValues.orEmpty(body.sessionId()), WireValues.orEmpty(body.requestId()),
                blockId, data);
        call(() -> {
            service.carveBlock(block);
            return null;
        });
        return Map.of("success", true);
    }

    private AuthenticatedHost authenticate(RouteRequest request, String bodyNodeKey) {
        String nodeKey = bodyNodeKey != null && !bodyNodeKey.isEmpty() ? bodyNodeKey : headerNodeKey(request);
        return call(() -> service.authenticate(nodeKey));
    }

    /** The key of {@code Authorization: NodeKey <key>}, or "" (the scheme's case does not matter). */
    private static String headerNodeKey(RouteRequest request) {
        return request.header("Authorization")
                .filter(value -> value.length() > NODE_KEY_SCHEME.length()
                        && value.substring(0, NODE_KEY_SCHEME.length()).toLowerCase(Locale.ROOT).equals(NODE_KEY_SCHEME))
                .map(value -> value.substring(NODE_KEY_SCHEME.length()).strip())
                .orElse("");
    }

    /** The body as {@code type}; an empty body (a client authenticating by header only) as {@code empty}. */
    private static <T> T bodyOrEmpty(RouteRequest request, Class<T> type, Supplier<T> empty) {
        return request.bodyBytes().length == 0 ? empty.get() : request.body(type);
    }

    private String compact(JsonNode entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-encoding a decoded log entry", e);
        }
    }

    /** Runs a service call, turning the service's failures into the API's. */
    private static <T> T call(Supplier<T> serviceCall) {
        try {
            return serviceCall.get();
        } catch (HostAuthenticationException e) {
            throw new NodeInvalidException(e.getMessage(), e);
        } catch (InvalidOsqueryRequestException e) {
            throw new BadRequestException(e.getMessage(), e);
        } catch (CarveSessionException e) {
            throw new UnauthorizedException(e.getMessage(), e);
        } catch (LogsNotStoredException e) {
            throw new ApiException(500, "the logs could not be stored; send them again", e);
        }
    }
}
