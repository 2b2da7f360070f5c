package dev.kolide.fleet.service.launcher;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A launcher's answer to one distributed query.
 *
 * @param queryName the name fleet handed out in {@code RequestQueries}
 * @param status osquery's status code, 0 = success
 * @param rows column → value, as text
 */
public record QueryResult(String queryName, int status, List<Map<String, String>> rows) {

    public QueryResult {
        requireNonNull(queryName, "queryName is null");
        requireNonNull(rows, "rows is null");
        rows = rows.stream()
                .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(row, "row is null"))))
                .toList();
    }
}
