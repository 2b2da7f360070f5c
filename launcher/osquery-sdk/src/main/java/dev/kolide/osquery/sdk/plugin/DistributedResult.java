package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one distributed query: its rows, its status (0 ok, non-zero an error) and osqueryd's message
 * for an error. writeResults carries these as {@code {"queries","statuses","messages","stats"}}.
 */
public record DistributedResult(String queryName, List<Map<String, String>> rows, int status, String message) {
    public DistributedResult {
        requireNonNull(queryName, "queryName is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(message, "message is null");
    }

    public static DistributedResult ok(String queryName, List<Map<String, String>> rows) {
        return new DistributedResult(queryName, rows, 0, "");
    }

    public static DistributedResult failed(String queryName, String message) {
        return new DistributedResult(queryName, List.of(), 1, message);
    }

    /**
     * Reads a writeResults request's {@code results} JSON. Statuses may be numbers or numeric strings (osquery has
     * sent both); a query whose rows are {@code ""} (as osqueryd sends for a failed query) has no rows.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static List<DistributedResult> parseAll(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("results are not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("results are not a JSON object");
        }
        JsonNode queries = root.path("queries");
        JsonNode statuses = root.path("statuses");
        JsonNode messages = root.path("messages");
        List<DistributedResult> results = new ArrayList<>();
        Iterable<String> names = () -> queries.fieldNames();
        for (String name : names) {
            List<Map<String, String>> rows = new ArrayList<>();
            JsonNode rowsNode = queries.get(name);
            if (rowsNode.isArray()) {
                for (JsonNode row : rowsNode) {
                    Map<String, String> values = new LinkedHashMap<>();
                    row.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
                    rows.add(values);
                }
            }
            int status = statusOf(statuses.path(name));
            results.add(new DistributedResult(name, rows, status, messages.path(name).asText("")));
        }
        // A failed query may appear only in statuses.
        Iterable<String> statusNames = () -> statuses.fieldNames();
        for (String name : statusNames) {
            if (!queries.has(name)) {
                results.add(new DistributedResult(name, List.of(), statusOf(statuses.get(name)),
                        messages.path(name).asText("")));
            }
        }
        return results;
    }

    private static int statusOf(JsonNode node) {
        if (node.isNumber()) {
            return node.asInt();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().strip());
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 0;
    }

    /** The writeResults JSON for {@code results}, as osqueryd sends it; {@code stats} may be empty. */
    public static String toJson(List<DistributedResult> results, Map<String, Map<String, Long>> stats,
            ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode queries = root.putObject("queries");
        ObjectNode statuses = root.putObject("statuses");
        ObjectNode messages = root.putObject("messages");
        ObjectNode statsNode = root.putObject("stats");
        for (DistributedResult result : results) {
            if (result.status() == 0) {
                var rows = queries.putArray(result.queryName());
                for (Map<String, String> row : result.rows()) {
                    ObjectNode r = rows.addObject();
                    row.forEach(r::put);
                }
            } else {
                queries.put(result.queryName(), "");
                messages.put(result.queryName(), result.message());
            }
            statuses.put(result.queryName(), result.status());
            Map<String, Long> s = stats.get(result.queryName());
            if (s != null) {
                ObjectNode node = statsNode.putObject(result.queryName());
                s.forEach(node::put);
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding distributed results", e);
        }
    }
}
