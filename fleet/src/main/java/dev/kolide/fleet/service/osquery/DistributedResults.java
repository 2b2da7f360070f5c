package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's answers to distributed queries.
 *
 * @param rows query name → result rows (column → value, as text, as osquery sends them)
 * @param statuses query name → osquery's status code, 0 = success; a query without one succeeded (osquery
 *     before 2.x sent none)
 * @param messages query name → osquery's error message for a failed query
 */
public record DistributedResults(Map<String, List<Map<String, String>>> rows, Map<String, Integer> statuses,
        Map<String, String> messages) {

    public DistributedResults {
        requireNonNull(rows, "rows is null");
        requireNonNull(statuses, "statuses is null");
        requireNonNull(messages, "messages is null");
        Map<String, List<Map<String, String>>> copy = new LinkedHashMap<>();
        rows.forEach((name, list) -> copy.put(requireNonNull(name, "query name is null"),
                List.copyOf(requireNonNull(list, "rows of " + name + " are null"))));
        rows = Collections.unmodifiableMap(copy);
        statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }

    /** Results without statuses or messages, every query successful. */
    public static DistributedResults of(Map<String, List<Map<String, String>>> rows) {
        return new DistributedResults(rows, Map.of(), Map.of());
    }

    /** The status osquery reported for {@code name}; 0 (success) when it reported none. */
    public int status(String name) {
        Integer status = statuses.get(name);
        return status == null ? 0 : status;
    }

    /** osquery's error message for {@code name}, or {@code ""}. */
    public String message(String name) {
        String message = messages.get(name);
        return message == null ? "" : message;
    }
}
