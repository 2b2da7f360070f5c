package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The queries a distributed plugin hands osqueryd: name → SQL, discovery queries (name → SQL that must return a
 * row for the query of that name to run) and an accelerate period in seconds (0: none).
 */
public record DistributedQueries(Map<String, String> queries, Map<String, String> discovery, int accelerate) {
    public DistributedQueries {
        queries = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(queries, "queries is null")));
        discovery = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(discovery, "discovery is null")));
    }

    public static DistributedQueries of(Map<String, String> queries) {
        return new DistributedQueries(queries, Map.of(), 0);
    }

    public static DistributedQueries none() {
        return of(Map.of());
    }

    /** The JSON that goes in the getQueries answer's {@code results} field. */
    public String toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode q = root.putObject("queries");
        queries.forEach(q::put);
        ObjectNode d = root.putObject("discovery");
        discovery.forEach(d::put);
        root.put("accelerate", accelerate);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding distributed queries", e);
        }
    }

    /**
     * Reads the {@code results} field of a getQueries answer.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DistributedQueries parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("distributed queries are not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("distributed queries are not a JSON object");
        }
        return new DistributedQueries(stringMap(root.path("queries"), "queries"),
                stringMap(root.path("discovery"), "discovery"), root.path("accelerate").asInt(0));
    }

    private static Map<String, String> stringMap(JsonNode node, String what) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("distributed " + what + " is not an object");
        }
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
