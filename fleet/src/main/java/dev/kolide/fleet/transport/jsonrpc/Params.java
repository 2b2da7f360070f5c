package dev.kolide.fleet.transport.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's {@code params}, read as Go's encoding/json reads them into launcher's structs: keys match exactly or
 * else ignoring case, missing or null fields are empty, and a value of the wrong type is an error (here
 * {@code -32602}, invalid params).
 */
final class Params {
    private final JsonNode object;
    private final String where;

    private Params(JsonNode object, String where) {
        this.object = object;
        this.where = where;
    }

    /** {@code params} of a request (absent or null: no fields set, as Go's Unmarshal of null). */
    static Params of(JsonNode params) {
        return at(params, "params");
    }

    private static Params at(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return new Params(NullNode.getInstance(), where);
        }
        if (!node.isObject()) {
            throw JsonRpcException.invalidParams(where + " must be an object");
        }
        return new Params(node, where);
    }

    /** A string field; "" when absent or null. */
    String text(String name) {
        JsonNode value = field(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw JsonRpcException.invalidParams(path(name) + " must be a string");
        }
        return value.asText();
    }

    /** A whole-number field that fits an int; 0 when absent or null. */
    int integer(String name) {
        JsonNode value = field(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw JsonRpcException.invalidParams(path(name) + " must be a whole number");
        }
        return value.intValue();
    }

    /** An object field, as params of its own; empty when absent or null. */
    Params object(String name) {
        return at(field(name), path(name));
    }

    /** The elements of an array field; empty when absent or null. */
    List<JsonNode> array(String name) {
        JsonNode value = field(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw JsonRpcException.invalidParams(path(name) + " must be an array");
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    /** The strings of an array field. */
    List<String> strings(String name) {
        List<JsonNode> elements = array(name);
        List<String> strings = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!element.isTextual()) {
                throw JsonRpcException.invalidParams(path(name) + "[" + i + "] must be a string");
            }
            strings.add(element.asText());
        }
        return strings;
    }

    /** The objects of an array field, each as params. */
    List<Params> objects(String name) {
        List<JsonNode> elements = array(name);
        List<Params> objects = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            objects.add(at(elements.get(i), path(name) + "[" + i + "]"));
        }
        return objects;
    }

    /** Rows as Go's {@code []map[string]string}: an array of objects whose values are strings. */
    List<Map<String, String>> rows(String name) {
        List<Params> rows = objects(name);
        List<Map<String, String>> result = new ArrayList<>(rows.size());
        for (Params row : rows) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                if (!column.getValue().isTextual()) {
                    throw JsonRpcException.invalidParams(row.where + "." + column.getKey() + " must be a string");
                }
                columns.put(column.getKey(), column.getValue().asText());
            }
            result.add(columns);
        }
        return result;
    }

    /** The field {@code name}: exact match first, else the first whose name matches ignoring case (as Go). */
    private JsonNode field(String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return object.get(candidate);
            }
        }
        return null;
    }

    private String path(String name) {
        return where + "." + name;
    }
}
