package dev.kolide.launcher.service;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The answer to one distributed query: its name, osquery's status (0 = ran, anything else = failed) and the rows,
 * each a column-name → value map in column order.
 */
public record QueryResult(String queryName, int status, List<Map<String, String>> rows) {
    public QueryResult {
        requireNonNull(queryName, "queryName is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
