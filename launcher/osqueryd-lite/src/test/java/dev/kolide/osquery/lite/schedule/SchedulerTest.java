package dev.kolide.osquery.lite.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.lite.config.Decorators;
import dev.kolide.osquery.lite.config.OsqueryConfig;
import dev.kolide.osquery.lite.config.ScheduledQuery;
import dev.kolide.osquery.lite.logs.LogDispatcher;
import dev.kolide.osquery.lite.sql.QueryException;
import dev.kolide.osquery.lite.sql.QueryResult;
import dev.kolide.kit.testing.MutableClock;
import dev.kolide.osquery.sdk.ExtensionResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The schedule on a hand-moved clock, with the logger calls it makes recorded. */
class SchedulerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2022-01-03T12:00:00Z"));
    private final AtomicReference<List<Map<String, String>>> rows = new AtomicReference<>(List.of());
    private final List<Map<String, String>> loggerCalls = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final LogDispatcher logs = new LogDispatcher(List.of("l"), (registry, item, request) -> {
        loggerCalls.add(request);
        return ExtensionResponse.ok(List.of());
    }, clock, () -> "host-1", json);
    private final Scheduler scheduler = new Scheduler(this::query, logs, new ResultLogFormat(json, false), clock,
            new Random(1), () -> "host-1", 7, 0);

    private QueryResult query(String sql) throws QueryException {
        ran.add(sql);
        if (sql.contains("broken")) {
            throw new QueryException("no such table: broken");
        }
        if (sql.startsWith("select 'dc'")) {
            return new QueryResult(List.of("dc"), List.of("TEXT"), List.of(Map.of("dc", "ams")));
        }
        return new QueryResult(List.of("name", "n"), List.of("TEXT", "BIGINT"), rows.get());
    }

    private static OsqueryConfig config(ScheduledQuery... queries) {
        return new OsqueryConfig(List.of(queries), Decorators.none(), Map.of(), "h");
    }

    private List<JsonNode> lines(String key) {
        List<JsonNode> lines = new ArrayList<>();
        for (Map<String, String> call : loggerCalls) {
            if (call.containsKey(key)) {
                try {
                    lines.add(json.readTree(call.get(key)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return lines;
    }

    @Test
    void theFirstRunLogsEveryRowAsAddedThenOnlyChangesWithARisingCounter() {
        scheduler.apply(config(new ScheduledQuery("q", "select x", 10, false, true)));
        rows.set(List.of(Map.of("name", "a", "n", "1"), Map.of("name", "b", "n", "2")));

        scheduler.tick(); // 12:00:00 is a multiple of 10 s
        assertThat(lines("string")).extracting(l -> l.get("action").asText() + " " + l.get("columns").get("name").asText()
                + " " + l.get("counter").asLong()).containsExactly("added a 0", "added b 0");

        loggerCalls.clear();
        clock.advance(Duration.ofSeconds(10));
        scheduler.tick(); // same rows: nothing to log
        assertThat(lines("string")).isEmpty();

        rows.set(List.of(Map.of("name", "a", "n", "1"), Map.of("name", "c", "n", "3")));
        clock.advance(Duration.ofSeconds(10));
        scheduler.tick();
        assertThat(lines("string")).extracting(l -> l.get("action").asText() + " " + l.get("columns").get("name").asText()
                + " " + l.get("counter").asLong()).containsExactly("removed b 2", "added c 2");
    }

    @Test
    void queriesRunOnlyInSecondsTheirIntervalDivides() {
        scheduler.apply(config(new ScheduledQuery("q", "select x", 60, false, true)));

        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        ran.clear();
        clock.advance(Duration.ofSeconds(30));
        scheduler.tick();
        assertThat(ran).isEmpty();

        clock.advance(Duration.ofSeconds(29)); // 12:01:00
        scheduler.tick();
        assertThat(ran).containsExactly("select x");
    }

    @Test
    void aSnapshotQueryLogsAllRowsEveryTimeWithTheEpoch() {
        scheduler.apply(config(new ScheduledQuery("snap", "select x", 1, true, true)));
        rows.set(List.of(Map.of("name", "a", "n", "1")));

        scheduler.tick();
        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();

        assertThat(lines("snapshot")).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("action").asText()).isEqualTo("snapshot");
            assertThat(line.get("epoch").asLong()).isEqualTo(7);
            assertThat(line.get("snapshot").toString()).isEqualTo("[{\"n\":\"1\",\"name\":\"a\"}]");
        });
    }

    @Test
    void removedFalseLogsOnlyAddedRows() {
        scheduler.apply(config(new ScheduledQuery("q", "select x", 1, false, false)));
        rows.set(List.of(Map.of("name", "a", "n", "1")));
        scheduler.tick();
        rows.set(List.of());
        loggerCalls.clear();
        clock.advance(Duration.ofSeconds(1));

        scheduler.tick();

        assertThat(lines("string")).isEmpty();
    }

    @Test
    void aChangedQueryStartsOverAndAFailingOneBecomesAnErrorStatus() {
        scheduler.apply(config(new ScheduledQuery("q", "select x", 1, false, true)));
        rows.set(List.of(Map.of("name", "a", "n", "1")));
        scheduler.tick();
        scheduler.apply(config(new ScheduledQuery("q", "select x, 1", 1, false, true),
                new ScheduledQuery("bad", "select * from broken", 1, false, true)));
        loggerCalls.clear();
        clock.advance(Duration.ofSeconds(1));

        scheduler.tick();
        logs.flushStatus();

        assertThat(lines("string")).extracting(l -> l.get("counter").asLong()).containsExactly(0L);
        JsonNode status = lines("log").get(0).get(0);
        assertThat(status.get("s").asInt()).isEqualTo(2);
        assertThat(status.get("m").asText())
                .isEqualTo("Error executing scheduled query bad: no such table: broken");
        assertThat(status.get("h").asText()).isEqualTo("host-1");
    }

    @Test
    void decorationsFromLoadAndAlwaysDecoratorsAreAddedToEveryLine() {
        scheduler.apply(new OsqueryConfig(List.of(new ScheduledQuery("q", "select x", 1, false, true)),
                new Decorators(List.of("select 'dc' as dc"), List.of("select 'dc' as dc"), Map.of()), Map.of(), "h"));
        rows.set(List.of(Map.of("name", "a", "n", "1")));

        scheduler.tick();

        assertThat(lines("string").get(0).get("decorations").toString()).isEqualTo("{\"dc\":\"ams\"}");
        assertThat(ran.stream().filter(sql -> sql.startsWith("select 'dc'")).count()).isEqualTo(2);
    }

    @Test
    void splayStaysWithinThePercentAndAtLeastOneSecond() {
        Scheduler splaying = new Scheduler(this::query, logs, new ResultLogFormat(json, false), clock, new Random(3),
                () -> "h", 0, 10);
        for (int i = 0; i < 200; i++) {
            assertThat(splaying.splay(100)).isBetween(90L, 110L);
            assertThat(splaying.splay(1)).isEqualTo(1);
        }
    }
}
