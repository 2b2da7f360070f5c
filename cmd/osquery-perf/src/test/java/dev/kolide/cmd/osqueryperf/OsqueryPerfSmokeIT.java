package dev.kolide.cmd.osqueryperf;

import dev.kolide.kit.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * make test's smoke run: the packaged osquery-perf with 50 hosts for 20 s against the packaged fleet, over the TLS
 * API and then over gRPC; its final JSON report must show all 50 hosts enrolled and no error.
 */
@Timeout(300)
class OsqueryPerfSmokeIT {
    private static final Path PERF_JAR = Path.of("target", "osquery-perf.jar");
    private static final String SECRET = "perf-smoke-secret";
    private static final int HOSTS = 50;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fiftyHostsOverTlsThenGrpcEnrollAndCheckInWithoutErrors() throws Exception {
        packagedJarsOrSkip();
        try (PackagedFleet fleet = PackagedFleet.start(dir, SECRET)) {
            for (String transport : List.of("tls", "grpc")) {
                JsonNode last = runPerf(fleet, transport);

                assertThat(last.get("report").asText()).isEqualTo("final");
                assertThat(last.get("hosts_enrolled").asInt()).as(transport + ": " + last).isEqualTo(HOSTS);
                assertThat(last.get("errors").asLong()).as(transport + ": " + last).isZero();
                assertThat(last.at("/endpoints/enroll/requests").asLong()).isEqualTo(HOSTS);
                assertThat(last.at("/endpoints/distributed_read/requests").asLong()).isGreaterThanOrEqualTo(HOSTS);
                assertThat(last.at("/endpoints/distributed_write/requests").asLong()).isGreaterThanOrEqualTo(HOSTS);
                assertThat(last.at("/endpoints/log/requests").asLong()).isPositive();
            }
        }
    }

    /**
     * fleet.jar and fleetctl.jar come from cmd/fleet and cmd/fleetctl, built before this module in a whole build; a
     * focused build ({@code -pl cmd/osquery-perf -am}) does not build them: skipped then, unless CI is set.
     */
    private static void packagedJarsOrSkip() {
        for (Path jar : List.of(PackagedFleet.FLEET_JAR, PackagedFleet.FLEETCTL_JAR)) {
            if (!Files.isRegularFile(jar)) {
                String why = jar + " is not built (build cmd/fleet and cmd/fleetctl first)";
                if (System.getenv("CI") != null) {
                    throw new AssertionError(why + " and CI is set: the smoke run must run");
                }
                Assumptions.abort(why + "; skipping the smoke run");
            }
        }
    }

    private JsonNode runPerf(PackagedFleet fleet, String transport) throws Exception {
        List<String> args = fleet.perfArgs();
        args.addAll(List.of("--enroll_secret", SECRET, "--transport", transport, "--hosts", Integer.toString(HOSTS),
                "--host_prefix", "smoke-" + transport, "--duration", "20s", "--start_period", "5s",
                "--distributed_interval", "5s", "--logger_interval", "5s", "--config_interval", "10s",
                "--report_interval", "10s", "--node_key_file", dir.resolve(transport + "-keys.txt").toString(),
                "--json"));
        Path log = dir.resolve("perf-" + transport + ".out");
        Process perf = JarProcess.start(PERF_JAR, args, log, dir, Map.of());
        assertThat(perf.waitFor(120, TimeUnit.SECONDS)).as("osquery-perf finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(perf.exitValue()).as(out).isZero();
        List<String> reports = out.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(reports).as(out).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve(transport + "-keys.txt"))).hasSize(HOSTS);
        return json.readTree(reports.get(reports.size() - 1));
    }
}
