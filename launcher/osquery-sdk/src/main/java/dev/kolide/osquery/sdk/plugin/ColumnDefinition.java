package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One column of a table: name, type and osquery's option bits (INDEX 1, REQUIRED 2, ADDITIONAL 4, OPTIMIZED 8,
 * HIDDEN 16; 0 for a plain column).
 */
public record ColumnDefinition(String name, ColumnType type, int options) {
    public static final int INDEX = 1;
    public static final int REQUIRED = 2;
    public static final int ADDITIONAL = 4;
    public static final int OPTIMIZED = 8;
    public static final int HIDDEN = 16;

    public ColumnDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name is blank");
        }
    }

    public static ColumnDefinition text(String name) {
        return new ColumnDefinition(name, ColumnType.TEXT, 0);
    }

    public static ColumnDefinition integer(String name) {
        return new ColumnDefinition(name, ColumnType.INTEGER, 0);
    }

    public static ColumnDefinition bigint(String name) {
        return new ColumnDefinition(name, ColumnType.BIGINT, 0);
    }

    public static ColumnDefinition doubleColumn(String name) {
        return new ColumnDefinition(name, ColumnType.DOUBLE, 0);
    }

    /** The route a table broadcasts for this column: {@code {"id":"column","name","type","op"}}. */
    public Map<String, String> toRoute() {
        Map<String, String> route = new LinkedHashMap<>();
        route.put("id", "column");
        route.put("name", name);
        route.put("type", type.wireName());
        route.put("op", Integer.toString(options));
        return route;
    }

    /** The column a route describes, or null when the route is not a column (osquery also sends aliases). */
    public static ColumnDefinition fromRoute(Map<String, String> route) {
        String id = route.getOrDefault("id", "column");
        String name = route.get("name");
        if (!"column".equals(id) || name == null || name.isBlank()) {
            return null;
        }
        int options;
        try {
            options = Integer.parseInt(route.getOrDefault("op", "0").strip());
        } catch (NumberFormatException e) {
            options = 0;
        }
        return new ColumnDefinition(name, ColumnType.fromWireName(route.get("type")), options);
    }
}
