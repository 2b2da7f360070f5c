package dev.kolide.osquery.lite.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The rows of a query, every value as text (NULL as ""), and its columns with osquery type names: a table
 * column's declared type, or for an expression the type of its first value.
 */
public record QueryResult(List<String> columns, List<String> types, List<Map<String, String>> rows) {
    public QueryResult {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        types = List.copyOf(requireNonNull(types, "types is null"));
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
    }
}
