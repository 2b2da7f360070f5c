package dev.kolide.cmd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole path with real processes: the packaged fleet (embedded database, then MariaDB + Redis), fleetctl, and
 * two packaged launchers each supervising osqueryd-lite, one over gRPC and one over JSON-RPC. Both enroll, get the
 * pack from their config, send scheduled results and status logs into fleet's log files, and answer a live query.
 */
@Timeout(360)
class LauncherEndToEndIT {
    private static final String GRPC_HOST = "E2E00000-0000-4000-8000-00000000A001";
    private static final String JSONRPC_HOST = "E2E00000-0000-4000-8000-00000000A002";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "fleet on {0}")
    @ValueSource(strings = {"dev", "mariadb"})
    void launchersOverGrpcAndJsonRpcEnrollReportAndAnswer(String datastore) throws Exception {
        if (datastore.equals("mariadb")) {
            Stack.requireMariaDbAndRedis();
        }
        try (FleetUnderTest fleet = datastore.equals("dev") ? FleetUnderTest.dev(dir) : FleetUnderTest.mariadb(dir)) {
            fleet.start();
            Fleetctl fleetctl = new Fleetctl(dir);
            fleetctl.setUp(fleet, Stack.SECRET);
            fleetctl.apply(Stack.clockPack());

            try (LauncherUnderTest grpc = new LauncherUnderTest(dir.resolve("grpc"), "launcher", fleet.hostPort(),
                    fleet.ca(), Stack.SECRET, "grpc", GRPC_HOST);
                    LauncherUnderTest jsonrpc = new LauncherUnderTest(dir.resolve("jsonrpc"), "launcher",
                            fleet.hostPort(), fleet.ca(), Stack.SECRET, "jsonrpc", JSONRPC_HOST)) {
                grpc.start();
                jsonrpc.start();

                // Scheduled results: the pack reached both hosts through their config, results came back.
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(grpc.alive()).as("grpc launcher running\n%s", grpc.logs()).isTrue();
                    assertThat(jsonrpc.alive()).as("jsonrpc launcher running\n%s", jsonrpc.logs()).isTrue();
                    assertThat(Stack.clockCounters(fleet.resultLog(), GRPC_HOST)).as("grpc results").hasSizeGreaterThan(2);
                    assertThat(Stack.clockCounters(fleet.resultLog(), JSONRPC_HOST)).as("jsonrpc results")
                            .hasSizeGreaterThan(2);
                });
                // Status logs: osqueryd's own log lines, buffered and sent by each launcher.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(Stack.lines(fleet.statusLog(), GRPC_HOST)).isNotEmpty();
                    assertThat(Stack.lines(fleet.statusLog(), JSONRPC_HOST)).isNotEmpty();
                });

                // A live query across both hosts.
                Fleetctl.Run query = fleetctl.run("query", "--labels", "All Hosts", "--query",
                        "select uuid from system_info", "--exit", "--timeout", "90s", "--quiet");
                assertThat(query.code()).as(query.out()).isZero();
                Set<String> answered = new TreeSet<>();
                for (String line : query.out().lines().filter(l -> l.startsWith("{")).toList()) {
                    JsonNode result = JSON.readTree(line);
                    for (JsonNode row : result.path("rows")) {
                        answered.add(row.path("uuid").asText());
                    }
                }
                assertThat(answered).containsExactlyInAnyOrder(GRPC_HOST, JSONRPC_HOST);

                // Each launcher enrolled exactly once.
                List<String> enrolled = new ArrayList<>();
                for (LauncherUnderTest launcher : List.of(grpc, jsonrpc)) {
                    enrolled.add(String.valueOf(launcher.logs().lines().filter(l -> l.contains("msg=enrolled")).count()));
                }
                assertThat(enrolled).containsExactly("1", "1");
            }
        }
    }
}
