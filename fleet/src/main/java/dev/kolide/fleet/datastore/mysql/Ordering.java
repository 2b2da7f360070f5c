package dev.kolide.fleet.datastore.mysql;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.OrderDirection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a list's order key into an ORDER BY clause. Column names cannot be bound as parameters, so the key is
 * looked up in the store's fixed map of allowed keys and only the mapped column (a constant) reaches the SQL.
 */
final class Ordering {
    private Ordering() {}

    /**
     * {@code ORDER BY <column> <dir>, <idColumn> <dir>}: the id makes pages stable when the column has ties.
     *
     * @param keys API order key → qualified column
     * @param what "hosts", "labels" ... for the error message
     */
    static String orderBy(ListOptions options, Map<String, String> keys, String idColumn, String what) {
        String direction = options.direction() == OrderDirection.DESC ? "DESC" : "ASC";
        String key = options.orderKey();
        if (key.isEmpty() || key.equals("id")) {
            return "ORDER BY " + idColumn + " " + direction;
        }
        String column = keys.get(key);
        if (column == null) {
            throw new IllegalArgumentException("cannot order " + what + " by \"" + key + "\"; one of id, "
                    + String.join(", ", new TreeSet<>(keys.keySet())));
        }
        return "ORDER BY " + column + " " + direction + ", " + idColumn + " " + direction;
    }
}
