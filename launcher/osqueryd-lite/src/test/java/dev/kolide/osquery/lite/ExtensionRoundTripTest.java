package dev.kolide.osquery.lite;

import static dev.kolide.osquery.lite.OsquerydLite.withConfigPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withDatabasePath;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsRequire;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsSocket;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsTimeout;
import static dev.kolide.osquery.lite.OsquerydLite.withHostIdentifier;
import static dev.kolide.osquery.lite.OsquerydLite.withHostUuid;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPlugins;
import static dev.kolide.osquery.lite.OsquerydLite.withPidfile;
import static dev.kolide.osquery.lite.OsquerydLite.withScheduleSplayPercent;
import static dev.kolide.osquery.lite.OsquerydLite.withVersion;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withPlugins;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.testing.ShortTempDir;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import dev.kolide.osquery.sdk.server.ExtensionServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK against osqueryd-lite over a real socket, as launcher runs them: osqueryd-lite waits for the required
 * extension, which brings a table and the config, logger and distributed plugins; real timers, short intervals.
 */
class ExtensionRoundTripTest {
    private static final String CONFIG = """
            {"schedule": {
               "things": {"query": "select name, size from things", "interval": 1},
               "count": {"query": "select count(*) as n from things", "interval": 1, "snapshot": true}},
             "decorators": {"load": ["select 'lab' as site"]},
             "options": {"distributed_interval": 1}}
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final ShortTempDir dir = new ShortTempDir();
    private final AtomicReference<List<Map<String, String>>> rows = new AtomicReference<>(List.of(
            Map.of("name", "a", "size", "1"), Map.of("name", "b", "size", "2")));
    private final List<QueryContext> contexts = new CopyOnWriteArrayList<>();
    private final List<String> results = new CopyOnWriteArrayList<>();
    private final List<String> snapshots = new CopyOnWriteArrayList<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<List<DistributedResult>> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();

    private OsquerydLite lite;
    private CompletableFuture<Void> liteRunning;
    private ExtensionServer extension;
    private CompletableFuture<Void> extensionRunning;

    @BeforeEach
    void startBoth() {
        lite = OsquerydLite.create(withVersion("9.9.9-lite"), withExtensionsSocket(dir.resolve("osquery.em")),
                withPidfile(dir.resolve("osquery.pid")), withDatabasePath(dir.resolve("osquery.db")),
                withExtensionsRequire(List.of("kolide_grpc")), withExtensionsTimeout(Duration.ofSeconds(10)),
                withExtensionsInterval(Duration.ofSeconds(1)), withConfigPlugin("kolide_grpc"),
                withLoggerPlugins(List.of("kolide_grpc")), withDistributedPlugin("kolide_grpc"),
                withDistributedDisabled(false), withDistributedInterval(Duration.ofSeconds(30)),
                withScheduleSplayPercent(0), withHostIdentifier("uuid"), withHostUuid("HOST-UUID-1"));
        liteRunning = CompletableFuture.runAsync(() -> {
            try {
                lite.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        TablePlugin things = new TablePlugin("things", List.of(ColumnDefinition.text("name"),
                ColumnDefinition.bigint("size")), context -> {
                    contexts.add(context);
                    return rows.get();
                });
        ConfigPlugin config = new ConfigPlugin("kolide_grpc", () -> Map.of("kolide", CONFIG));
        LoggerPlugin logger = new LoggerPlugin("kolide_grpc", (type, text) -> {
            switch (type) {
                case STRING -> results.add(text);
                case SNAPSHOT -> snapshots.add(text);
                case STATUS -> statuses.add(text);
                default -> { }
            }
        });
        // Queries on the second poll only: with --distributed_interval=30 it comes in time only because the
        // config's distributed_interval option (1 s) applies, as fleet's does to osqueryd.
        DistributedPlugin distributed = new DistributedPlugin("kolide_grpc", () -> polls.incrementAndGet() != 2
                ? DistributedQueries.none()
                : DistributedQueries.of(Map.of("just_b", "select name from things where name = 'b'",
                        "broken", "select * from nope")), written::add);
        extension = ExtensionServer.create("kolide_grpc", dir.resolve("osquery.em"),
                withTimeout(Duration.ofSeconds(10)), withPlugins(things, config, logger, distributed));
        extensionRunning = CompletableFuture.runAsync(() -> {
            try {
                extension.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stopBoth() throws Exception {
        lite.stop();
        extension.shutdown();
        liteRunning.get(10, TimeUnit.SECONDS);
        dir.close();
    }

    private ExtensionManagerClient manager() throws InterruptedException {
        return ExtensionManagerClient.connect(dir.resolve("osquery.em"), Duration.ofSeconds(10));
    }

    @Test
    void anExtensionTableAnswersSqlThroughTheManagersQueryWithItsConstraints() throws Exception {
        try (ExtensionManagerClient manager = manager()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !manager.extensions().isEmpty());

            ExtensionResponse response = manager.query("select * from things where name = 'a'");

            assertThat(response.isOk()).as(response.status().message()).isTrue();
            assertThat(response.response()).containsExactly(Map.of("name", "a", "size", "1"));
            assertThat(contexts).anySatisfy(context ->
                    assertThat(context.constraintsOn("name").equalities()).containsExactly("a"));
            assertThat(manager.getQueryColumns("select name, size, size * 1.5 as more from things").response())
                    .containsExactly(Map.of("name", "TEXT"), Map.of("size", "BIGINT"), Map.of("more", "TEXT"));
            assertThat(manager.query("select name, version from osquery_extensions order by uuid").response())
                    .extracting(row -> row.get("name")).containsExactly("core", "kolide_grpc");
            assertThat(manager.query("select version from osquery_info").response())
                    .containsExactly(Map.of("version", "9.9.9-lite"));
        }
    }

    @Test
    void aQueryWithASqlErrorGetsAnErrorStatusAndTheEngineKeepsServing() throws Exception {
        try (ExtensionManagerClient manager = manager()) {
            ExtensionResponse response = manager.query("select * from nope");

            assertThat(response.status().code()).isEqualTo(1);
            assertThat(response.status().message()).isEqualTo("no such table: nope");
            assertThat(manager.query("selec 1").status().message()).contains("syntax error");
            assertThat(manager.ping().message()).isEqualTo("pong");
            assertThat(manager.call("nope", "x", Map.of()).status().message()).isEqualTo("Unknown registry: nope");
            assertThat(manager.call("config", "x", Map.of()).status().message())
                    .isEqualTo("Unknown registry item: x");
        }
    }

    @Test
    void scheduledResultsReachTheLoggerAsDifferentialLinesAndSnapshots() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> results.size() >= 2 && !snapshots.isEmpty());

        JsonNode first = json.readTree(results.get(0));
        assertThat(first.get("name").asText()).isEqualTo("things");
        assertThat(first.get("hostIdentifier").asText()).isEqualTo("HOST-UUID-1");
        assertThat(first.get("action").asText()).isEqualTo("added");
        assertThat(first.get("counter").asLong()).isZero();
        assertThat(first.get("epoch").asLong()).isZero();
        assertThat(first.get("numerics").asBoolean()).isFalse();
        assertThat(first.get("decorations")).isEqualTo(json.readTree("{\"site\":\"lab\"}"));
        assertThat(first.get("calendarTime").asText()).endsWith(" UTC");
        assertThat(first.get("unixTime").isNumber()).isTrue();
        assertThat(results).extracting(line -> json.readTree(line).get("columns").get("name").asText())
                .contains("a", "b");

        JsonNode snapshot = json.readTree(snapshots.get(0));
        assertThat(snapshot.get("action").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("snapshot")).isEqualTo(json.readTree("[{\"n\":\"2\"}]"));

        rows.set(List.of(Map.of("name", "a", "size", "1"), Map.of("name", "c", "size", "3")));
        // the run's removed and added lines may reach the logger in separate calls: wait for both
        await().atMost(Duration.ofSeconds(10)).until(() -> results.stream().anyMatch(l -> l.contains("\"removed\""))
                && results.stream().anyMatch(l -> l.contains("\"name\":\"c\"")));
        JsonNode removed = results.stream().map(this::read).filter(n -> n.get("action").asText().equals("removed"))
                .findFirst().orElseThrow();
        assertThat(removed.get("columns")).isEqualTo(json.readTree("{\"name\":\"b\",\"size\":\"2\"}"));
        assertThat(removed.get("counter").asLong()).isPositive();
        assertThat(results).anySatisfy(line -> assertThat(read(line).get("columns").get("name").asText()).isEqualTo("c"));
    }

    @Test
    void statusLogsReachTheLoggerInNewOsquerysShape() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !statuses.isEmpty());

        JsonNode status = json.readTree(statuses.get(0));
        assertThat(status.fieldNames()).toIterable().containsExactly("s", "f", "i", "m", "c", "u", "h");
        assertThat(status.get("h").asText()).isEqualTo("HOST-UUID-1");
        assertThat(statuses).anySatisfy(line -> assertThat(line).contains("osqueryd-lite 9.9.9-lite started"));
    }

    @Test
    void distributedQueriesAreFetchedRunAndWrittenBackWithStatusesAndMessagesAtTheConfigsInterval() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !written.isEmpty());

        assertThat(written.get(0)).containsExactlyInAnyOrder(
                new DistributedResult("just_b", List.of(Map.of("name", "b")), 0, ""),
                new DistributedResult("broken", List.of(), 1, "no such table: nope"));
    }

    @Test
    void stoppingTheEngineShutsTheExtensionDownAndRemovesSocketAndPidfile() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> extension.uuid() != 0);
        assertThat(dir.resolve("osquery.pid")).exists();

        lite.stop();

        extensionRunning.get(10, TimeUnit.SECONDS); // returned normally: osqueryd-lite called shutdown()
        assertThat(dir.resolve("osquery.em")).doesNotExist();
        assertThat(dir.resolve("osquery.pid")).doesNotExist();
        assertThat(Files.exists(dir.resolve("osquery.em." + extension.uuid()))).isFalse();
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
