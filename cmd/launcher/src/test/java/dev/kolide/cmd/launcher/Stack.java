package dev.kolide.cmd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** What the launcher ITs share: the pack they apply, reading fleet's logs, and the MariaDB/Redis check. */
final class Stack {
    static final String SECRET = "launcher-it-secret";
    static final String PACK_QUERY = "pack:it:clock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Stack() {}

    /** A pack for every host: the clock every second, as a differential query (one counter per run). */
    static String clockPack() {
        return """
                apiVersion: v1
                kind: query
                spec:
                  name: clock
                  query: select unix_time from time
                ---
                apiVersion: v1
                kind: pack
                spec:
                  name: it
                  targets:
                    labels:
                      - All Hosts
                  queries:
                    - query: clock
                      name: clock
                      interval: 1
                """;
    }

    /** The JSON lines of a log file that mention {@code needle} (a host identifier, a query name). */
    static List<JsonNode> lines(Path log, String needle) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank() && line.contains(needle)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** The counters of the "added" lines of the clock query for one host. */
    static List<Long> clockCounters(Path resultLog, String hostUuid) throws Exception {
        List<Long> counters = new ArrayList<>();
        for (JsonNode line : lines(resultLog, hostUuid)) {
            if (PACK_QUERY.equals(line.path("name").asText()) && "added".equals(line.path("action").asText())) {
                counters.add(line.path("counter").asLong());
            }
        }
        return counters;
    }

    /** MariaDB and Redis on 127.0.0.1, or the test is skipped (failed when CI is set). */
    static void requireMariaDbAndRedis() {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                java.net.Socket redis = new java.net.Socket("127.0.0.1", 6379)) {
            assertThat(c.isValid(5)).isTrue();
        } catch (Exception e) {
            if (ci) {
                throw new AssertionError("MariaDB and Redis on 127.0.0.1 are required when CI is set", e);
            }
            Assumptions.abort("MariaDB or Redis not reachable: " + e);
        }
    }
}
