package dev.kolide.cmd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live queries pushed over gRPC ({@code WatchQueries}): with osqueryd's distributed reads ten minutes apart, a live
 * query is still answered within seconds, because fleet pushes it to the launcher's stream and the launcher runs
 * it at once through osqueryd.
 */
@Timeout(240)
class LauncherInstantLiveQueryIT {
    private static final String HOST = "E2E00000-0000-4000-8000-00000000E001";

    @TempDir
    Path dir;

    @Test
    void aLiveQueryIsAnsweredLongBeforeTheNextDistributedRead() throws Exception {
        try (FleetUnderTest fleet = FleetUnderTest.dev(dir)) {
            fleet.start();
            Fleetctl fleetctl = new Fleetctl(dir);
            fleetctl.setUp(fleet, Stack.SECRET);
            try (LauncherUnderTest launcher = new LauncherUnderTest(dir.resolve("launcher"), "launcher",
                    fleet.hostPort(), fleet.ca(), Stack.SECRET, "grpc", HOST)) {
                launcher.with("--osquery_flag", "distributed_interval=600");
                launcher.start();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(launcher.alive()).as(launcher.logs()).isTrue();
                    assertThat(launcher.logs()).contains("msg=enrolled").contains("osqueryd is up");
                });
                // Let the first distributed read (at osqueryd's start) pass: from now on reads are 600 s apart.
                Thread.sleep(5_000);

                for (int round = 1; round <= 2; round++) {
                    long started = System.nanoTime();
                    Fleetctl.Run query = fleetctl.run("query", "--labels", "All Hosts", "--query",
                            "select uuid from system_info", "--exit", "--timeout", "45s", "--quiet");
                    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    assertThat(query.code()).as("round %d\n%s\n%s", round, query.out(), launcher.logs()).isZero();
                    assertThat(query.out()).contains(HOST);
                    assertThat(seconds).as("well before the next distributed read").isLessThan(45);
                }
                assertThat(launcher.logs()).doesNotContain("live queries come with osqueryd's distributed reads only");
            }
        }
    }
}
