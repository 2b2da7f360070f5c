package dev.kolide.osquery.lite.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows added and removed between two runs of a query, rows compared as multisets (duplicates count). */
public record Differential(List<Map<String, String>> added, List<Map<String, String>> removed) {
    public Differential {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static Differential between(List<Map<String, String>> previous, List<Map<String, String>> current) {
        Map<Map<String, String>, Integer> before = new HashMap<>();
        for (Map<String, String> row : previous) {
            before.merge(row, 1, Integer::sum);
        }
        List<Map<String, String>> added = new ArrayList<>();
        for (Map<String, String> row : current) {
            Integer count = before.get(row);
            if (count == null) {
                added.add(row);
            } else if (count == 1) {
                before.remove(row);
            } else {
                before.put(row, count - 1);
            }
        }
        List<Map<String, String>> removed = new ArrayList<>();
        for (Map<String, String> row : previous) {
            Integer count = before.get(row);
            if (count != null) {
                removed.add(row);
                if (count == 1) {
                    before.remove(row);
                } else {
                    before.put(row, count - 1);
                }
            }
        }
        return new Differential(added, removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
