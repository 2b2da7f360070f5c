package dev.kolide.perf.host;

import java.util.List;
import java.util.Map;

/** A host's answer to one distributed query: its rows (column → text) and osquery's status (0 = ran). */
public record QueryAnswer(List<Map<String, String>> rows, int status) {
    public QueryAnswer {
        rows = List.copyOf(rows);
    }

    public static QueryAnswer of(List<Map<String, String>> rows) {
        return new QueryAnswer(rows, 0);
    }
}
