package dev.kolide.fleet.transport.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.service.osquery.InvalidOsqueryRequestException;
import dev.kolide.fleet.service.osquery.LogsNotStoredException;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON-RPC 2.0 call per POST, answered as go-kit's jsonrpc server answers: HTTP 200 with
 * {@code {"jsonrpc":"2.0","result":...,"id":...}}, or with {@code {"jsonrpc":"2.0","error":{"code","message"},
 * "id":...}} for every failure it can name. Codes: -32700 the body is not JSON, -32600 it is not a request object
 * (batches are not supported, nor were they by go-kit), -32601 unknown method, -32602 params of the wrong shape or
 * a request the service refuses as malformed, -32000 logs not stored (send them again), -32603 anything else,
 * with a short message; details go to fleet's log only.
 */
final class JsonRpcEndpoint {
    static final String VERSION = "2.0";

    private final Logger log = LoggerFactory.getLogger(JsonRpcEndpoint.class);
    private final LauncherMethods methods;
    private final ObjectMapper json;

    JsonRpcEndpoint(LauncherMethods methods, ObjectMapper json) {
        this.methods = requireNonNull(methods, "methods is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** The route's handler: the body within the route's limit (over it, the router answers 413). */
    Object handle(RouteRequest request) {
        byte[] body = request.bodyBytes();
        JsonNode id = NullNode.getInstance();
        try {
            JsonNode envelope = parse(body);
            if (!envelope.isObject()) {
                throw new JsonRpcException(JsonRpcException.INVALID_REQUEST, envelope.isArray()
                        ? "batch requests are not supported" : "the request must be a JSON object");
            }
            JsonNode requestId = envelope.get("id");
            if (requestId != null && (requestId.isValueNode() || requestId.isNull())) {
                id = requestId;
            }
            JsonNode method = envelope.get("method");
            if (method == null || !method.isTextual() || method.asText().isEmpty()) {
                throw new JsonRpcException(JsonRpcException.INVALID_REQUEST, "method is missing");
            }
            String name = method.asText();
            LauncherMethods.Method call = methods.find(name).orElseThrow(() -> new JsonRpcException(
                    JsonRpcException.METHOD_NOT_FOUND, "Method " + shortened(name) + " was not found."));
            JsonNode result = call.call(Params.of(envelope.get("params")));
            return JsonReply.ok(envelope(id).set("result", result));
        } catch (JsonRpcException e) {
            return error(id, e.code(), e.getMessage());
        } catch (InvalidOsqueryRequestException e) {
            return error(id, JsonRpcException.INVALID_PARAMS, e.getMessage());
        } catch (LogsNotStoredException e) {
            log.warn("JSON-RPC: {}", e.getMessage(), e);
            return error(id, JsonRpcException.SERVER_ERROR, "the logs could not be stored; send them again");
        } catch (DatastoreException e) {
            log.error("JSON-RPC: the datastore failed", e);
            return error(id, JsonRpcException.INTERNAL_ERROR, "the datastore failed; try again later");
        } catch (RuntimeException e) {
            log.error("JSON-RPC call failed", e);
            return error(id, JsonRpcException.INTERNAL_ERROR, "internal error");
        }
    }

    private JsonNode parse(byte[] body) {
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        } catch (IOException e) {
            // Jackson's message quotes the input; the location is what helps, and it is short.
            throw new JsonRpcException(JsonRpcException.PARSE_ERROR, "JSON could not be decoded"
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr()
                    : ""), e);
        }
        if (envelope == null || envelope.isMissingNode()) {
            throw new JsonRpcException(JsonRpcException.PARSE_ERROR, "JSON could not be decoded: the body is empty");
        }
        return envelope;
    }

    private ObjectNode envelope(JsonNode id) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("jsonrpc", VERSION);
        envelope.set("id", id);
        return envelope;
    }

    private JsonReply error(JsonNode id, int code, String message) {
        ObjectNode envelope = envelope(id);
        envelope.putObject("error").put("code", code).put("message", message);
        return JsonReply.ok(envelope);
    }

    private static String shortened(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
