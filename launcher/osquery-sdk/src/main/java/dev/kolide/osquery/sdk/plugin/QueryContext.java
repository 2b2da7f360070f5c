package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What osqueryd tells a table about the query: the constraints on each column, as the generate request's
 * {@code context} JSON carries them: {@code {"constraints":[{"name","affinity","list":[{"op":2,"expr":"x"}]}]}},
 * where {@code list} is {@code ""} for a column without constraints.
 *
 * <p>Constraints let a table skip work; they do not replace filtering: the engine still applies the WHERE clause
 * to the rows a table returns.
 */
public record QueryContext(Map<String, ConstraintList> constraints) {
    public QueryContext {
        constraints = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(constraints, "constraints is null")));
    }

    /** No constraints: the table returns every row. */
    public static QueryContext empty() {
        return new QueryContext(Map.of());
    }

    /** The constraints on {@code column}, or an empty TEXT list. */
    public ConstraintList constraintsOn(String column) {
        return constraints.getOrDefault(column, new ConstraintList("TEXT", List.of()));
    }

    /**
     * Parses a generate request's {@code context}.
     *
     * @throws IllegalArgumentException saying what is wrong with the JSON
     */
    public static QueryContext parse(String json, ObjectMapper mapper) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("context is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("context is not a JSON object");
        }
        Map<String, ConstraintList> result = new LinkedHashMap<>();
        JsonNode list = root.path("constraints");
        if (list.isMissingNode() || list.isNull() || (list.isTextual() && list.asText().isEmpty())) {
            return new QueryContext(result);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("context.constraints is not a list");
        }
        for (JsonNode column : list) {
            String name = column.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a constraint has no column name");
            }
            String affinity = column.path("affinity").asText("TEXT");
            List<Constraint> constraints = new ArrayList<>();
            JsonNode entries = column.path("list");
            if (entries.isArray()) {
                for (JsonNode entry : entries) {
                    int code = entry.path("op").isTextual() ? parseCode(entry.path("op").asText())
                            : entry.path("op").asInt(-1);
                    Operator op = Operator.fromCode(code);
                    if (op == null) {
                        throw new IllegalArgumentException("constraint on " + name + " has unknown operator " + code);
                    }
                    constraints.add(new Constraint(op, entry.path("expr").asText("")));
                }
            } else if (!(entries.isTextual() && entries.asText().isEmpty()) && !entries.isMissingNode()) {
                throw new IllegalArgumentException("constraint list of " + name + " is neither a list nor \"\"");
            }
            ConstraintList previous = result.get(name);
            if (previous != null) {
                constraints.addAll(0, previous.constraints());
            }
            result.put(name, new ConstraintList(affinity, constraints));
        }
        return new QueryContext(result);
    }

    private static int parseCode(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The context as osqueryd sends it. */
    public String toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("constraints");
        constraints.forEach((name, columnConstraints) -> {
            ObjectNode column = list.addObject();
            column.put("name", name);
            column.put("affinity", columnConstraints.affinity());
            if (columnConstraints.constraints().isEmpty()) {
                column.put("list", "");
            } else {
                ArrayNode entries = column.putArray("list");
                for (Constraint constraint : columnConstraints.constraints()) {
                    entries.addObject().put("op", constraint.operator().code()).put("expr", constraint.expression());
                }
            }
        });
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding a query context", e);
        }
    }
}
