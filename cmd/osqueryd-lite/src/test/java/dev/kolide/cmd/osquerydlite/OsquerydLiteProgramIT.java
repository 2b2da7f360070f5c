package dev.kolide.cmd.osquerydlite;

import static dev.kolide.osquery.sdk.server.ExtensionServer.withPlugins;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.testing.ProgramJarContract;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import dev.kolide.osquery.sdk.plugin.LogType;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import dev.kolide.osquery.sdk.server.ExtensionServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OsquerydLiteProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "osqueryd-lite";
    }

    @Override
    protected boolean rejectsUnknownFlags() {
        return false;
    }

    @Test
    void versionFlagPrintsTheVersionAsOsquerydDoes() throws Exception {
        Result result = run("--version");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("osqueryd-lite - version ");
    }

    @Test
    void helpSaysWhatItIsForAndThatProductionRunsRealOsquery() throws Exception {
        Result result = run("--help");

        // picocli wraps the description: compare with the line breaks folded
        assertThat(result.stdout().replaceAll("\\s+", " ")).contains("development, demos, tests and load simulation",
                "production hosts run real osquery", "--extensions_socket", "--flagfile", "--extensions_require");
    }

    /**
     * The packaged program started with the argv launcher gives osqueryd (plus an osquery flag it does not know),
     * an extension registered through the SDK, a scheduled query's results at the logger, a distributed query
     * written back, a table queried through the manager; SIGTERM then shuts the extension down and exits 0.
     */
    @Test
    void aFullExtensionRoundTripThroughTheProgram() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "osq-");
        Path socket = dir.resolve("osquery.sock");
        Path stderr = dir.resolve("stderr.txt");
        List<String> results = new CopyOnWriteArrayList<>();
        List<List<DistributedResult>> written = new CopyOnWriteArrayList<>();
        AtomicBoolean handed = new AtomicBoolean();
        ObjectMapper json = new ObjectMapper();

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString(),
                "--logger_plugin=kolide_grpc", "--distributed_plugin=kolide_grpc", "--disable_distributed=false",
                "--distributed_interval=1", "--pack_delimiter=:", "--host_identifier=uuid", "--force=true",
                "--disable_watchdog", "--utc", "--config_refresh=300", "--config_accelerated_refresh=30",
                "--watchdog_memory_limit=600", "--schedule_splay_percent=0",
                "--pidfile=" + dir.resolve("osquery.pid"), "--database_path=" + dir.resolve("osquery.db"),
                "--extensions_socket=" + socket, "--extensions_timeout=20", "--config_plugin=kolide_grpc",
                "--extensions_require=kolide_grpc", "--disable_extensions=false", "--extensions_interval=1",
                "--lite_host_uuid=HOST-IT-1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        Process process = builder.start();
        ExtensionServer extension = null;
        try {
            TablePlugin identifier = new TablePlugin("kolide_launcher_identifier",
                    List.of(ColumnDefinition.text("identifier")), context -> List.of(Map.of("identifier", "abc")));
            ConfigPlugin config = new ConfigPlugin("kolide_grpc", () -> Map.of("kolide", "{\"packs\":{\"p\":{"
                    + "\"queries\":{\"id\":{\"query\":\"select * from kolide_launcher_identifier\",\"interval\":1}}}}}"));
            LoggerPlugin logger = new LoggerPlugin("kolide_grpc", (type, text) -> {
                if (type == LogType.STRING) {
                    results.add(text);
                }
            });
            DistributedPlugin distributed = new DistributedPlugin("kolide_grpc", () -> handed.getAndSet(true)
                    ? DistributedQueries.none()
                    : DistributedQueries.of(Map.of("info", "select version from osquery_info")), written::add);
            extension = ExtensionServer.create("kolide_grpc", socket, withTimeout(Duration.ofSeconds(30)),
                    withPlugins(identifier, config, logger, distributed));
            ExtensionServer running = extension;
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try {
                    running.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> !results.isEmpty() && !written.isEmpty());
            JsonNode line = json.readTree(results.get(0));
            assertThat(line.get("name").asText()).isEqualTo("pack:p:id");
            assertThat(line.get("hostIdentifier").asText()).isEqualTo("HOST-IT-1");
            assertThat(line.get("columns")).isEqualTo(json.readTree("{\"identifier\":\"abc\"}"));
            assertThat(written.get(0).get(0).rows().get(0).get("version")).endsWith("-lite");

            try (ExtensionManagerClient manager = ExtensionManagerClient.connect(socket, Duration.ofSeconds(10))) {
                ExtensionResponse response = manager.query("select identifier from kolide_launcher_identifier");
                assertThat(response.response()).containsExactly(Map.of("identifier", "abc"));
                assertThat(manager.query("select value from osquery_flags where name = 'distributed_interval'")
                        .response()).containsExactly(Map.of("value", "1"));
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(process.exitValue()).as(Files.readString(stderr, StandardCharsets.UTF_8)).isZero();
            served.get(10, TimeUnit.SECONDS); // returned normally: osqueryd-lite called shutdown() on it
            assertThat(socket).doesNotExist();
            assertThat(dir.resolve("osquery.pid")).doesNotExist();
            assertThat(Files.readString(stderr, StandardCharsets.UTF_8))
                    .contains("ignoring osquery flags osqueryd-lite does not implement: --watchdog_memory_limit=600")
                    .doesNotContain("\tat ", "level=error");
        } finally {
            if (extension != null) {
                extension.shutdown();
            }
            process.destroyForcibly();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
