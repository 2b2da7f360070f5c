package dev.kolide.cmd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher under the failures hosts meet, with real processes (packaged fleet --dev, launcher over gRPC,
 * osqueryd-lite): fleet going away while logs pile up, osqueryd killed, the launcher killed, a corrupt launcher.db,
 * and fleet not there at all when the launcher starts.
 */
@Timeout(300)
class LauncherReliabilityIT {
    private static final String HOST = "E2E00000-0000-4000-8000-00000000B001";

    @TempDir
    Path dir;

    private FleetUnderTest fleet;
    private LauncherUnderTest launcher;
    private Fleetctl fleetctl;

    @AfterEach
    void stopAll() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    private void startFleetAndLauncher() throws Exception {
        fleet = FleetUnderTest.dev(dir);
        fleet.start();
        fleetctl = new Fleetctl(dir);
        fleetctl.setUp(fleet, Stack.SECRET);
        fleetctl.apply(Stack.clockPack());
        launcher = launcher();
        launcher.start();
        awaitCountersAbove(2, Duration.ofSeconds(150));
    }

    private LauncherUnderTest launcher() throws Exception {
        Path home = Files.createDirectories(dir.resolve("launcher"));
        return new LauncherUnderTest(home, "launcher", fleet.hostPort(), fleet.ca(), Stack.SECRET, "grpc", HOST);
    }

    private List<Long> counters() throws Exception {
        return Stack.clockCounters(fleet.resultLog(), HOST);
    }

    private void awaitCountersAbove(long min, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(launcher.alive()).as("launcher running\n%s", launcher.logs()).isTrue();
            assertThat(counters().stream().mapToLong(Long::longValue).max().orElse(-1)).isGreaterThan(min);
        });
    }

    private long count(String text, String needle) {
        return text.lines().filter(line -> line.contains(needle)).count();
    }

    private void liveQueryIsAnswered() throws Exception {
        Fleetctl.Run query = fleetctl.run("query", "--labels", "All Hosts", "--query", "select uuid from system_info",
                "--exit", "--timeout", "60s", "--quiet");
        assertThat(query.code()).as(query.out()).isZero();
        assertThat(query.out()).contains(HOST);
    }

    @Test
    void everyLogArrivesAfterAFleetOutage() throws Exception {
        startFleetAndLauncher();
        fleet.stop();
        long lastBeforeOutage = counters().stream().mapToLong(Long::longValue).max().orElseThrow();
        Thread.sleep(10_000); // about ten scheduled runs buffered in launcher.db
        fleet.start();

        awaitCountersAbove(lastBeforeOutage + 15, Duration.ofSeconds(90));
        List<Long> received = counters();
        long max = received.stream().mapToLong(Long::longValue).max().orElseThrow();
        TreeSet<Long> distinct = new TreeSet<>(received);
        List<Long> missing = new ArrayList<>();
        for (long counter = distinct.first(); counter <= max; counter++) {
            if (!distinct.contains(counter)) {
                missing.add(counter);
            }
        }
        assertThat(missing).as("runs whose results never reached fleet (of %d received)", received.size()).isEmpty();
        assertThat(received).as("no run delivered twice").doesNotHaveDuplicates();
        assertThat(launcher.logs()).contains("publishing logs failed");
    }

    @Test
    void aKilledOsquerydIsBackWithinTenSeconds() throws Exception {
        startFleetAndLauncher();
        long pid = Long.parseLong(Files.readString(launcher.root().resolve("osquery.pid")).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(count(launcher.logs(), "osqueryd is up")).isEqualTo(2));
        long newPid = Long.parseLong(Files.readString(launcher.root().resolve("osquery.pid")).strip());
        assertThat(newPid).isNotEqualTo(pid);
        liveQueryIsAnswered();
    }

    @Test
    void aKilledLauncherComesBackAsTheSameHost() throws Exception {
        startFleetAndLauncher();
        launcher.kill();
        launcher.start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Files.readString(launcher.log())).contains("osqueryd is up"));
        liveQueryIsAnswered();
        assertThat(count(launcher.logs(), "msg=enrolled")).as("enrollments").isEqualTo(1);
        Fleetctl.Run hosts = fleetctl.run("get", "hosts", "--json");
        assertThat(hosts.code()).as(hosts.out()).isZero();
        assertThat(hosts.out().lines().filter(l -> l.contains("\"uuid\"") || l.startsWith("{")).count())
                .as("one host\n%s", hosts.out()).isEqualTo(1);
    }

    @Test
    void aCorruptStoreIsMovedAsideAndTheLauncherEnrollsAgain() throws Exception {
        startFleetAndLauncher();
        launcher.stop();
        Path db = launcher.root().resolve("launcher.db");
        Files.deleteIfExists(launcher.root().resolve("launcher.db-wal"));
        Files.deleteIfExists(launcher.root().resolve("launcher.db-shm"));
        Files.write(db, "this is not a database, it is what a full disk left behind".repeat(100).getBytes());
        launcher.start();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Files.readString(launcher.log())).contains("msg=enrolled"));
        assertThat(corruptCopy()).isPresent();
        int before = counters().size();
        Thread.sleep(5_000);
        assertThat(launcher.alive()).as("no crash loop").isTrue();
        assertThat(count(Files.readString(launcher.log()), "launcher starting")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(counters().size()).isGreaterThan(before));
    }

    private Optional<Path> corruptCopy() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(launcher.root(), "launcher.db.corrupt-*")) {
            for (Path file : files) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    @Test
    void anAbsentFleetIsRetriedWithBackOffUntilItComes() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        fleet = FleetUnderTest.dev(dir);
        fleet.usePort(port);
        fleet.start();
        fleetctl = new Fleetctl(dir);
        fleetctl.setUp(fleet, Stack.SECRET);
        fleetctl.apply(Stack.clockPack());
        fleet.stop();

        launcher = launcher();
        launcher.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(count(launcher.logs(), "enrollment failed")).isGreaterThanOrEqualTo(2));
        assertThat(launcher.logs()).contains("retry_in=");
        assertThat(launcher.alive()).isTrue();

        fleet.start();
        awaitCountersAbove(2, Duration.ofSeconds(180));
        assertThat(count(launcher.logs(), "msg=enrolled")).isEqualTo(1);
    }
}
