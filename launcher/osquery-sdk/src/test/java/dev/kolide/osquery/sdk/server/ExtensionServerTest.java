package dev.kolide.osquery.sdk.server;

import static dev.kolide.osquery.sdk.server.ExtensionServer.withPingInterval;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withPlugins;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withTimeout;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import dev.kolide.osquery.sdk.testing.FakeManager;
import dev.kolide.kit.testing.ShortTempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extension server against a scripted manager peer on a real socket. */
class ExtensionServerTest {
    private final ShortTempDir dir = new ShortTempDir();
    private final Path socket = dir.resolve("osquery.em");
    private final TablePlugin table = new TablePlugin("things", List.of(ColumnDefinition.text("name")),
            context -> List.of(Map.of("name", "a")));
    private final ConfigPlugin config = new ConfigPlugin("cfg", () -> Map.of("main", "{}"));

    @AfterEach
    void clean() {
        dir.close();
    }

    @Test
    void registersAllFourRegistriesAndServesItsPluginsOnSocketDotUuid() throws Exception {
        try (FakeManager manager = new FakeManager(socket);
                ExtensionServer server = ExtensionServer.create("kolide_grpc", socket, withVersion("1.2.3"),
                        withTimeout(Duration.ofSeconds(2)), withPlugins(table, config))) {
            server.start();

            assertThat(manager.registeredInfos).containsExactly(new ExtensionInfo("kolide_grpc", "1.2.3", "", ""));
            Map<String, Map<String, List<Map<String, String>>>> routes = manager.registeredRoutes.get(0);
            assertThat(routes.keySet()).containsExactlyInAnyOrder("table", "logger", "config", "distributed");
            assertThat(routes.get("table").get("things"))
                    .containsExactly(Map.of("id", "column", "name", "name", "type", "TEXT", "op", "0"));
            assertThat(routes.get("config")).containsOnlyKeys("cfg");
            assertThat(routes.get("logger")).isEmpty();
            assertThat(server.uuid()).isEqualTo(4242);
            assertThat(server.extensionSocket()).isEqualTo(dir.resolve("osquery.em.4242"));

            try (ExtensionManagerClient osqueryd = ExtensionManagerClient.connect(server.extensionSocket(),
                    Duration.ofSeconds(2))) {
                assertThat(osqueryd.ping()).isEqualTo(new ExtensionStatus(0, "OK", 0));
                assertThat(osqueryd.call("table", "things", Map.of("action", "generate", "context", "{}")))
                        .isEqualTo(ExtensionResponse.ok(List.of(Map.of("name", "a"))));
                assertThat(osqueryd.call("config", "cfg", Map.of("action", "genConfig")).response())
                        .containsExactly(Map.of("main", "{}"));
                assertThat(osqueryd.call("sql", "x", Map.of()))
                        .isEqualTo(ExtensionResponse.failed("Unknown registry: sql"));
                assertThat(osqueryd.call("table", "nothing", Map.of()))
                        .isEqualTo(ExtensionResponse.failed("Unknown registry item: nothing"));
            }
        }
    }

    @Test
    void aDuplicateRegistrationIsRefusedWithTheManagersMessage() throws Exception {
        try (FakeManager manager = new FakeManager(socket);
                ExtensionServer server = ExtensionServer.create("kolide_grpc", socket, withPlugins(table))) {
            manager.registerAnswer.set(ExtensionStatus.failed("Duplicate extension registered"));

            assertThatThrownBy(server::start).isInstanceOf(ExtensionRegistrationException.class)
                    .hasMessageContaining("registering extension kolide_grpc with osquery at " + socket)
                    .hasMessageEndingWith("Duplicate extension registered");
            assertThat(Files.list(dir.path()).map(p -> p.getFileName().toString()).toList())
                    .containsExactly("osquery.em");
        }
    }

    @Test
    void whenTheManagerGoesAwayRunFailsAndTheExtensionStops() throws Exception {
        FakeManager manager = new FakeManager(socket);
        ExtensionServer server = ExtensionServer.create("ext", socket, withPlugins(table),
                withPingInterval(Duration.ofMillis(200)), withTimeout(Duration.ofSeconds(1)));
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                server.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("osquery.em.4242")));

        manager.close();

        assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OsqueryTransportException.class).hasMessageContaining("pinging osquery failed");
        assertThat(server.isShutDown()).isTrue();
        assertThat(dir.resolve("osquery.em.4242")).doesNotExist();
    }

    @Test
    void theManagersShutdownCallEndsRunNormallyAndDeregisters() throws Exception {
        try (FakeManager manager = new FakeManager(socket)) {
            ExtensionServer server = ExtensionServer.create("ext", socket, withPlugins(table));
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    server.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("osquery.em.4242")));

            try (ExtensionManagerClient osqueryd = ExtensionManagerClient.connect(dir.resolve("osquery.em.4242"),
                    Duration.ofSeconds(2))) {
                osqueryd.shutdown();
            }

            running.get(5, TimeUnit.SECONDS);
            assertThat(manager.deregistered).containsExactly(4242L);
        }
    }

    @Test
    void aSocketPathLongerThanOsqueryAllowsIsRefused() {
        Path longPath = Path.of("/tmp/" + "x".repeat(95));
        assertThatThrownBy(() -> ExtensionServer.create("ext", longPath))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 97");
    }

    @Test
    void onlyOsquerysFourRegistriesAndUniqueNamesAreAccepted() {
        Plugin sql = new Plugin() {
            @Override
            public String name() {
                return "x";
            }

            @Override
            public String registry() {
                return "sql";
            }

            @Override
            public List<Map<String, String>> routes() {
                return List.of();
            }

            @Override
            public ExtensionResponse call(Map<String, String> request) {
                return ExtensionResponse.ok(List.of());
            }
        };
        ExtensionServer server = ExtensionServer.create("ext", socket);
        assertThatThrownBy(() -> server.registerPlugins(sql)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown registry sql");
        server.registerPlugins(table);
        assertThatThrownBy(() -> server.registerPlugins(table)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two table plugins named things");
    }
}
