package dev.kolide.launcher.client.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.launcher.client.Failures;
import dev.kolide.launcher.service.DistributedQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code result} object of one reply, read as Go reads it: names match case-insensitively (an exact match
 * first), an absent field is its zero value, a field of the wrong type is a malformed reply.
 */
final class JsonRpcReply {

    private final String method;
    private final ObjectNode result;
    private final Failures failures;

    JsonRpcReply(String method, ObjectNode result, Failures failures) {
        this.method = method;
        this.result = result;
        this.failures = failures;
    }

    /** Throws when the reply says node_invalid, carries an error_code or a non-null Err. */
    JsonRpcReply requireAccepted() {
        failures.checkReply(method, bool("node_invalid"), errorCode());
        Optional<JsonNode> err = field(result, "Err");
        if (err.isPresent() && !err.get().isNull()) {
            throw failures.unavailable(method, "the server reported an error (Err: " + err.get() + ")");
        }
        return this;
    }

    String string(String name) {
        Optional<JsonNode> value = field(result, name);
        if (value.isEmpty() || value.get().isNull()) {
            return "";
        }
        if (!value.get().isTextual()) {
            throw malformed(name, "a string", value.get());
        }
        return value.get().textValue();
    }

    boolean bool(String name) {
        Optional<JsonNode> value = field(result, name);
        if (value.isEmpty() || value.get().isNull()) {
            return false;
        }
        if (!value.get().isBoolean()) {
            throw malformed(name, "a boolean", value.get());
        }
        return value.get().booleanValue();
    }

    int integer(String name) {
        Optional<JsonNode> value = field(result, name);
        if (value.isEmpty() || value.get().isNull()) {
            return 0;
        }
        if (!value.get().isIntegralNumber() || !value.get().canConvertToInt()) {
            throw malformed(name, "an integer", value.get());
        }
        return value.get().intValue();
    }

    /** RequestQueries' {@code Queries.queries} map, name → SQL, in the reply's order. */
    List<DistributedQuery> queries() {
        Optional<JsonNode> outer = field(result, "Queries").filter(node -> !node.isNull());
        if (outer.isEmpty()) {
            return List.of();
        }
        if (!outer.get().isObject()) {
            throw malformed("Queries", "an object", outer.get());
        }
        Optional<JsonNode> inner = field((ObjectNode) outer.get(), "queries").filter(node -> !node.isNull());
        if (inner.isEmpty()) {
            return List.of();
        }
        if (!inner.get().isObject()) {
            throw malformed("Queries.queries", "an object of name → SQL", inner.get());
        }
        List<DistributedQuery> queries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inner.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> query = it.next();
            if (!query.getValue().isTextual()) {
                throw malformed("Queries.queries." + query.getKey(), "a string of SQL", query.getValue());
            }
            queries.add(new DistributedQuery(query.getKey(), query.getValue().textValue()));
        }
        return List.copyOf(queries);
    }

    /** error_code as a string; Go's config reply puts its error object there, which is an error all the same. */
    private String errorCode() {
        Optional<JsonNode> value = field(result, "error_code");
        if (value.isEmpty() || value.get().isNull()) {
            return "";
        }
        return value.get().isTextual() ? value.get().textValue() : value.get().toString();
    }

    private RuntimeException malformed(String name, String expected, JsonNode actual) {
        return failures.unavailable(method, "malformed reply: " + name + " is " + abbreviate(actual) + ", expected "
                + expected);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static Optional<JsonNode> field(ObjectNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }
}
