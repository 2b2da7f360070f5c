package dev.kolide.osquery.lite;

import static dev.kolide.osquery.lite.OsquerydLite.withConfigPath;
import static dev.kolide.osquery.lite.OsquerydLite.withDatabasePath;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsRequire;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsSocket;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsTimeout;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPath;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPlugins;
import static dev.kolide.osquery.lite.OsquerydLite.withPidfile;
import static dev.kolide.osquery.lite.OsquerydLite.withScheduleSplayPercent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kolide.kit.testing.ShortTempDir;
import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import dev.kolide.osquery.sdk.server.ExtensionServer;
import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** osqueryd's extension-manager rules and osqueryd-lite's process hygiene, over a real socket. */
class ManagerSemanticsTest {
    private final ShortTempDir dir = new ShortTempDir();
    private final Path socket = dir.resolve("osquery.em");
    private final List<OsquerydLite> engines = new ArrayList<>();

    @AfterEach
    void stopAll() {
        engines.forEach(OsquerydLite::stop);
        dir.close();
    }

    private OsquerydLite engine(LiteOption... extra) {
        List<LiteOption> options = new ArrayList<>(List.of(withExtensionsSocket(socket),
                withPidfile(dir.resolve("osquery.pid")), withDatabasePath(dir.resolve("osquery.db")),
                withConfigPath(dir.resolve("osquery.conf")), withLoggerPlugins(List.of("filesystem")),
                withLoggerPath(dir.resolve("logs")), withExtensionsTimeout(Duration.ofSeconds(1)),
                withExtensionsInterval(Duration.ofMillis(300)), withScheduleSplayPercent(0)));
        options.addAll(List.of(extra));
        OsquerydLite engine = OsquerydLite.create(options.toArray(LiteOption[]::new));
        engines.add(engine);
        return engine;
    }

    private OsquerydLite started(LiteOption... extra) throws Exception {
        OsquerydLite engine = engine(extra);
        engine.start();
        return engine;
    }

    private ExtensionManagerClient client() throws InterruptedException {
        return ExtensionManagerClient.connect(socket, Duration.ofSeconds(5));
    }

    private static Map<String, Map<String, List<Map<String, String>>>> table(String name) {
        return Map.of("table", Map.of(name, List.of(ColumnDefinition.text("x").toRoute())), "config", Map.of(),
                "logger", Map.of(), "distributed", Map.of());
    }

    @Test
    void namesRegisterOnceAndUuidsAreSixteenBitNumbers() throws Exception {
        started();
        try (ExtensionManagerClient manager = client()) {
            ExtensionStatus first = manager.registerExtension(ExtensionInfo.of("ext", "1"), table("t1"));
            assertThat(first.isOk()).isTrue();
            assertThat(first.uuid()).isBetween(1L, 65535L);

            assertThat(manager.registerExtension(ExtensionInfo.of("ext", "2"), table("t2")))
                    .isEqualTo(ExtensionStatus.failed("Duplicate extension registered"));
            assertThat(manager.registerExtension(ExtensionInfo.of("other", "1"), table("processes")))
                    .isEqualTo(ExtensionStatus.failed("Duplicate registry item: processes"));
            assertThat(manager.registerExtension(ExtensionInfo.of("third", "1"), table("t1")).message())
                    .isEqualTo("Duplicate registry item: t1");
            assertThat(manager.extensions()).containsOnlyKeys(first.uuid());
        }
    }

    @Test
    void deregisteringAnUnknownUuidFailsWithCodeOne() throws Exception {
        started();
        try (ExtensionManagerClient manager = client()) {
            ExtensionStatus status = manager.deregisterExtension(12345);
            assertThat(status.code()).isEqualTo(1);
            assertThat(status.message()).isEqualTo("No extension UUID registered");
        }
    }

    @Test
    void anExtensionThatStopsAnsweringIsDroppedAfterTwoMissedPings() throws Exception {
        started();
        try (ExtensionManagerClient manager = client()) {
            // registered, but nothing serves <socket>.<uuid>
            manager.registerExtension(ExtensionInfo.of("ghost", "1"), table("ghost_table"));
            assertThat(manager.extensions()).hasSize(1);

            await().atMost(Duration.ofSeconds(5)).until(() -> manager.extensions().isEmpty());
            assertThat(manager.query("select * from ghost_table").status().message())
                    .isEqualTo("no such table: ghost_table");
        }
    }

    @Test
    void anExtensionTableThatThrowsGivesAnErrorStatusAndTheEngineKeepsServing() throws Exception {
        started();
        TablePlugin boom = new TablePlugin("boom", List.of(ColumnDefinition.text("x")), context -> {
            throw new IllegalStateException("disk on fire");
        });
        try (ExtensionServer extension = ExtensionServer.create("boomer", socket,
                ExtensionServer.withPlugins(boom), ExtensionServer.withTimeout(Duration.ofSeconds(5)));
                ExtensionManagerClient manager = client()) {
            extension.start();

            ExtensionResponse response = manager.query("select * from boom");

            assertThat(response.status().code()).isEqualTo(1);
            assertThat(response.status().message()).isEqualTo("table boom: error generating table: disk on fire");
            assertThat(manager.query("select 1 as one").response()).containsExactly(Map.of("one", "1"));
        }
    }

    @Test
    void aMalformedFrameOnTheManagerSocketLeavesTheEngineServing() throws Exception {
        started();
        try (UnixSocketTransport raw = UnixSocketTransport.connect(socket, Duration.ofSeconds(5))) {
            raw.write(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 1, 2, 3});
            raw.flush();
        }
        try (ExtensionManagerClient manager = client()) {
            assertThat(manager.ping().message()).isEqualTo("pong");
        }
    }

    @Test
    void aRequiredExtensionThatNeverComesFailsTheStartAndCleansUp() {
        OsquerydLite engine = engine(withExtensionsRequire(List.of("kolide_grpc")));

        assertThatThrownBy(engine::start).isInstanceOf(LiteException.class)
                .hasMessage("required extension(s) not registered within 1000 ms: kolide_grpc");
        assertThat(socket).doesNotExist();
        assertThat(dir.resolve("osquery.pid")).doesNotExist();
    }

    @Test
    void aSecondEngineOnTheSameSocketIsRefusedButAStaleSocketFileIsReplaced() throws Exception {
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists(); // closing a Unix listener leaves its file behind

        started();
        OsquerydLite second = engine(withPidfile(dir.resolve("second.pid")),
                withDatabasePath(dir.resolve("second.db")));
        assertThatThrownBy(second::start).isInstanceOf(LiteException.class)
                .hasMessageContaining("extensions socket " + socket + " is in use by another osqueryd");
        try (ExtensionManagerClient manager = client()) {
            assertThat(manager.ping().isOk()).as("the first engine still serves").isTrue();
        }
    }

    @Test
    void aDatabaseDirectoryServesOneEngineAtATime() throws Exception {
        started();
        OsquerydLite second = engine(withExtensionsSocket(dir.resolve("second.em")),
                withPidfile(dir.resolve("second.pid")));

        assertThatThrownBy(second::start).isInstanceOf(LiteException.class)
                .hasMessageContaining("database " + dir.resolve("osquery.db"));
    }

    @Test
    void aPidfileNamingALiveProcessIsRefused() throws Exception {
        Files.writeString(dir.resolve("osquery.pid"), ProcessHandle.current().parent().orElseThrow().pid() + "\n");

        assertThatThrownBy(() -> started()).isInstanceOf(LiteException.class)
                .hasMessageContaining("which is running");
    }

    @Test
    void theManagersShutdownCallStopsTheEngine() throws Exception {
        OsquerydLite engine = engine();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                engine.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (ExtensionManagerClient manager = client()) {
            manager.shutdown();
        }
        running.get(10, TimeUnit.SECONDS);
        assertThat(socket).doesNotExist();
    }

    @Test
    void theFilesystemPluginsReadConfigAndWriteResultsAsOsquerydDoes() throws Exception {
        Files.writeString(dir.resolve("osquery.conf"),
                "{\"schedule\":{\"one\":{\"query\":\"select 1 as one\",\"interval\":1}}}");
        started();

        Path results = dir.resolve("logs/osqueryd.results.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(results)
                && Files.readString(results, StandardCharsets.UTF_8).contains("\"columns\":{\"one\":\"1\"}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("logs/osqueryd.status.log")));
    }
}
