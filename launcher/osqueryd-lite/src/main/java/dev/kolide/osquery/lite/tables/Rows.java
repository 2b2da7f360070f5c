package dev.kolide.osquery.lite.tables;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the tables. */
final class Rows {
    private Rows() {}

    /** A row from alternating column names and values; null values become "". */
    static Map<String, String> of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a row needs names and values in pairs");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            row.put((String) namesAndValues[i], value == null ? "" : value.toString());
        }
        return row;
    }

    /** The long in {@code text}, or {@code fallback} when it is not one. */
    static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /** The value of a {@code key: value} or {@code key=value} line in {@code text}, or "". */
    static String field(String text, String key, char separator) {
        for (String line : text.split("\n")) {
            int at = line.indexOf(separator);
            if (at > 0 && line.substring(0, at).strip().equals(key)) {
                return line.substring(at + 1).strip();
            }
        }
        return "";
    }
}
