package dev.kolide.cmd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --transport=osquery}: the launcher only supervises; osqueryd-lite's own {@code tls} plugins enroll with
 * fleet's osquery TLS API, fetch the pack, send results and status logs, and answer a live query.
 */
@Timeout(240)
class LauncherOsqueryTransportIT {
    private static final String HOST = "E2E00000-0000-4000-8000-00000000C001";

    @TempDir
    Path dir;

    @Test
    void osquerydTalksToFleetsOsqueryApiUnderTheLaunchersSupervision() throws Exception {
        try (FleetUnderTest fleet = FleetUnderTest.dev(dir)) {
            fleet.start();
            Fleetctl fleetctl = new Fleetctl(dir);
            fleetctl.setUp(fleet, Stack.SECRET);
            fleetctl.apply(Stack.clockPack());

            try (LauncherUnderTest launcher = new LauncherUnderTest(dir.resolve("launcher"), "launcher",
                    fleet.hostPort(), fleet.ca(), Stack.SECRET, "osquery", HOST)) {
                launcher.start();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(launcher.alive()).as("launcher running\n%s", launcher.logs()).isTrue();
                    assertThat(Stack.clockCounters(fleet.resultLog(), HOST)).hasSizeGreaterThan(2);
                    assertThat(Stack.lines(fleet.statusLog(), HOST)).isNotEmpty();
                });
                Fleetctl.Run query = fleetctl.run("query", "--labels", "All Hosts", "--query",
                        "select uuid from system_info", "--exit", "--timeout", "60s", "--quiet");
                assertThat(query.code()).as(query.out()).isZero();
                assertThat(query.out()).contains(HOST);
                assertThat(launcher.logs()).doesNotContain("msg=enrolled"); // osqueryd enrolled, not the launcher
            }
        }
    }
}
