package dev.kolide.perf.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MariaDB's global statement counters (SHOW GLOBAL STATUS, Com_*), read before and after a window: how many
 * SELECTs and writes the server ran. They count every client, so nothing else may use the server meanwhile; the
 * SHOW itself counts as Com_show_status, which is not read.
 */
final class SqlCounters {
    static final List<String> READS = List.of("Com_select");
    static final List<String> WRITES = List.of("Com_insert", "Com_insert_select", "Com_update", "Com_update_multi",
            "Com_delete", "Com_delete_multi", "Com_replace", "Com_replace_select");
    static final List<String> TRANSACTIONS = List.of("Com_commit", "Com_rollback");

    private final String url;

    SqlCounters(String address) {
        this.url = "jdbc:mariadb://" + address + "/";
    }

    /** The counters now. */
    Snapshot read() {
        Map<String, Long> values = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "root", "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com\\_%'")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading MariaDB's status counters at " + url, e);
        }
        return new Snapshot(values);
    }

    /** Counter values at one moment. */
    record Snapshot(Map<String, Long> values) {
        /** What happened between {@code before} and this snapshot. */
        Delta since(Snapshot before) {
            return new Delta(sum(READS, before), sum(WRITES, before), sum(TRANSACTIONS, before), writesByKind(before));
        }

        private long sum(List<String> names, Snapshot before) {
            return names.stream().mapToLong(name -> values.getOrDefault(name, 0L)
                    - before.values.getOrDefault(name, 0L)).sum();
        }

        private Map<String, Long> writesByKind(Snapshot before) {
            Map<String, Long> kinds = new TreeMap<>();
            for (String name : WRITES) {
                long delta = values.getOrDefault(name, 0L) - before.values.getOrDefault(name, 0L);
                if (delta > 0) {
                    kinds.put(name.substring("Com_".length()), delta);
                }
            }
            return kinds;
        }
    }

    /** Statements run in a window. */
    record Delta(long selects, long writes, long transactions, Map<String, Long> writesByKind) {}
}
