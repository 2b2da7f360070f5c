package dev.kolide.launcher.runtime;

import static dev.kolide.launcher.runtime.OsqueryOptions.withClientTimeout;
import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionPlugins;
import static dev.kolide.launcher.runtime.OsqueryOptions.withHealthCheckInterval;
import static dev.kolide.launcher.runtime.OsqueryOptions.withHealthCheckTries;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryFlags;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsquerydBinary;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRestartDelay;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRootDirectory;
import static dev.kolide.launcher.runtime.OsqueryOptions.withShutdownGracePeriod;
import static dev.kolide.launcher.runtime.OsqueryOptions.withStderr;
import static dev.kolide.launcher.runtime.OsqueryOptions.withStartupTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kolide.kit.run.Actor;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.Plugin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime against real processes: osqueryd-lite (through {@link LiteOsqueryd}) and shell scripts. */
@Timeout(120)
class OsqueryInstanceTest {
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path root;
    private Scripts scripts;
    private final List<OsqueryInstance> instances = new ArrayList<>();

    @BeforeEach
    void setUp() {
        root = dir.resolve("root");
        scripts = new Scripts(dir);
    }

    @AfterEach
    void shutDownEverything() {
        instances.forEach(OsqueryInstance::shutdown);
    }

    private OsqueryInstance launch(OsqueryOption... options) {
        OsqueryInstance instance = OsqueryInstance.launch(options);
        instances.add(instance);
        return instance;
    }

    private OsqueryInstance launchLite(OsqueryOption... more) throws Exception {
        List<OsqueryOption> options = new ArrayList<>(List.of(withOsquerydBinary(scripts.osqueryd()),
                withRootDirectory(root), withExtensionPlugins(TestPlugins.launcherPlugins())));
        options.addAll(List.of(more));
        return launch(options.toArray(OsqueryOption[]::new));
    }

    @Test
    void startsOsquerydInItsOwnProcessGroupAndQueriesThroughIt() throws Exception {
        Path stderr = dir.resolve("osqueryd.stderr");
        OsqueryInstance osquery = launchLite(withOsqueryFlags(List.of("lite_host_uuid=runtime-test-uuid")),
                withStderr(stderr));

        assertThat(osquery.awaitHealthy(START)).isTrue();
        assertThat(Files.readString(stderr)).contains("extension manager listening on " + root.resolve("osquery.sock"));

        assertThat(osquery.query("select * from " + TestPlugins.TABLE))
                .containsExactly(Map.of("greeting", "hello from the extension"));
        assertThat(osquery.query("select version from osquery_info")).singleElement()
                .satisfies(row -> assertThat(row.get("version")).isEqualTo("test-lite"));
        assertThat(osquery.query("select uuid from system_info"))
                .containsExactly(Map.of("uuid", "runtime-test-uuid"));
        long pid = Processes.readPid(root.resolve("osquery.pid"));
        assertThat(osquery.pid()).hasValue(pid);
        assertThat(Processes.processGroup(pid)).isEqualTo(pid);
        assertThat(osquery.extensionSocket()).isEqualTo(root.resolve("osquery.sock"));
        assertThat(osquery.restarts()).isZero();
        assertThatThrownBy(() -> osquery.query("select * from no_such_table"))
                .isInstanceOf(OsqueryQueryException.class).hasMessageContaining("no_such_table");
    }

    @Test
    void restartsOsquerydKilledWithSigkill() throws Exception {
        OsqueryInstance osquery = launchLite();
        assertThat(osquery.awaitHealthy(START)).isTrue();
        long first = Processes.readPid(root.resolve("osquery.pid"));

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> osquery.restarts() == 1 && osquery.healthy());
        assertThat(osquery.pid().orElseThrow()).isNotEqualTo(first);
        assertThat(osquery.query("select * from " + TestPlugins.TABLE)).hasSize(1);
    }

    @Test
    void anOsquerydThatStopsAnsweringFailsItsHealthCheckAndIsReplaced() throws Exception {
        OsqueryInstance osquery = launchLite(withHealthCheckInterval(Duration.ofMillis(500)),
                withHealthCheckTries(2, Duration.ofMillis(200)), withClientTimeout(Duration.ofSeconds(1)),
                withShutdownGracePeriod(Duration.ofSeconds(1)));
        assertThat(osquery.awaitHealthy(START)).isTrue();
        long hung = osquery.pid().orElseThrow();

        new ProcessBuilder("kill", "-STOP", Long.toString(hung)).start().waitFor();

        await().atMost(START).until(() -> osquery.restarts() == 1 && osquery.healthy());
        assertThat(Processes.isAlive(hung)).isFalse();
    }

        @Test
    void restartOnRequestStartsANewOsquerydWithTheSamePlugins() throws Exception {
        AtomicLong shutdowns = new AtomicLong();
        Plugin table = TestPlugins.table();
        Plugin counting = new Plugin() {
            @Override
            public String name() {
                return table.name();
            }

            @Override
            public String registry() {
                return table.registry();
            }

            @Override
            public List<Map<String, String>> routes() {
                return table.routes();
            }

            @Override
            public ExtensionResponse call(Map<String, String> request) {
                return table.call(request);
            }

            @Override
            public void shutdown() {
                shutdowns.incrementAndGet();
            }
        };
        OsqueryInstance osquery = launch(withOsquerydBinary(scripts.osqueryd()), withRootDirectory(root),
                withExtensionPlugins(counting));
        assertThat(osquery.awaitHealthy(START)).isTrue();
        long first = osquery.pid().orElseThrow();

        osquery.restart();

        await().atMost(START).until(() -> osquery.restarts() == 1 && osquery.healthy());
        assertThat(osquery.pid().orElseThrow()).isNotEqualTo(first);
        assertThat(Processes.isAlive(first)).isFalse();
        assertThat(osquery.query("select * from " + TestPlugins.TABLE)).hasSize(1);
        assertThat(shutdowns).hasValue(0);

        osquery.shutdown();

        assertThat(shutdowns).hasValue(1);
    }

    @Test
    void cleansAStaleSocketAndPidfileAndRunsInARunGroup() throws Exception {
        Files.createDirectories(root);
        StaleFilesTest.deadSocket(root.resolve("osquery.sock"));
        long dead = StaleFilesTest.deadPid();
        Files.writeString(root.resolve("osquery.pid"), dead + "\n", StandardCharsets.UTF_8);
        OsqueryInstance osquery = OsqueryInstance.create(withOsquerydBinary(scripts.osqueryd()),
                withRootDirectory(root), withExtensionPlugins(TestPlugins.launcherPlugins()));
        AtomicLong pid = new AtomicLong();
        RunGroup group = new RunGroup();
        group.add("osquery", osquery);
        group.add("check", Actor.of(() -> {
            assertThat(osquery.awaitHealthy(START)).isTrue();
            pid.set(Processes.readPid(root.resolve("osquery.pid")));
            assertThat(osquery.query("select * from " + TestPlugins.TABLE)).hasSize(1);
        }, cause -> { }));

        group.run(); // the check returns (or fails): the group stops osquery

        assertThat(pid.get()).isNotEqualTo(dead).isPositive();
        assertThat(Processes.isAlive(pid.get())).isFalse();
        assertThatThrownBy(() -> osquery.query("select 1")).isInstanceOf(OsqueryNotRunningException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void shutdownKillsTheWholeProcessGroup() throws Exception {
        Path childPidFile = dir.resolve("child.pid");
        OsqueryInstance osquery = launch(withOsquerydBinary(scripts.osquerydWithChild(childPidFile)),
                withRootDirectory(root), withExtensionPlugins(TestPlugins.launcherPlugins()));
        assertThat(osquery.awaitHealthy(START)).isTrue();
        long osqueryd = Processes.readPid(root.resolve("osquery.pid"));
        long sleep = Processes.readPid(childPidFile);
        assertThat(Processes.isAlive(sleep)).isTrue();
        assertThat(Processes.processGroup(sleep)).isEqualTo(osqueryd);

        osquery.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> !Processes.isAlive(osqueryd) && !Processes.isAlive(sleep));
        assertThat(osquery.healthy()).isFalse();
    }

    @Test
    void keepsRetryingAnOsquerydThatExitsAtOnce() throws Exception {
        Path counter = dir.resolve("starts");
        OsqueryInstance osquery = OsqueryInstance.create(withOsquerydBinary(scripts.exiting(3, counter)),
                withRootDirectory(root), withRestartDelay(Duration.ofMillis(50), Duration.ofMillis(200)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                osquery.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        runner.start();
        try {
            await().atMost(START).until(() -> Files.exists(counter) && Files.readAllLines(counter).size() >= 4);
            assertThat(runner.isAlive()).isTrue();
            assertThat(osquery.healthy()).isFalse();
            assertThat(osquery.restarts()).isGreaterThanOrEqualTo(3);
            assertThatThrownBy(() -> osquery.query("select 1")).isInstanceOf(OsqueryNotRunningException.class);
        } finally {
            osquery.shutdown();
        }
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void keepsRetryingAMissingBinaryUntilItAppears() throws Exception {
        Path later = dir.resolve("bin").resolve("osqueryd");
        OsqueryInstance osquery = launch(withOsquerydBinary(later), withRootDirectory(root),
                withExtensionPlugins(TestPlugins.launcherPlugins()),
                withRestartDelay(Duration.ofMillis(50), Duration.ofMillis(200)));
        await().atMost(START).until(() -> osquery.startAttempts() >= 3);
        assertThat(osquery.healthy()).isFalse();

        Files.createDirectories(later.getParent());
        Files.move(scripts.osqueryd(), later); // an update landing

        assertThat(osquery.awaitHealthy(START)).isTrue();
        assertThat(osquery.restarts()).isZero(); // the first osqueryd that actually started
    }

    @Test
    void anOsquerydThatNeverCreatesItsSocketIsRestarted() throws Exception {
        Path counter = dir.resolve("starts");
        Path silent = dir.resolve("silent");
        Files.writeString(silent, "#!/bin/sh\necho start >> '" + counter + "'\nexec sleep 300\n");
        silent.toFile().setExecutable(true);
        OsqueryInstance osquery = launch(withOsquerydBinary(silent), withRootDirectory(root),
                withStartupTimeout(Duration.ofMillis(500)), withRestartDelay(Duration.ofMillis(50),
                        Duration.ofMillis(100)), withHealthCheckInterval(Duration.ofSeconds(1)));

        await().atMost(START).until(() -> Files.exists(counter) && Files.readAllLines(counter).size() >= 2);
        assertThat(osquery.healthy()).isFalse();
    }

    @Test
    void queryBeforeTheStartSaysOsquerydIsNotRunning() {
        OsqueryInstance osquery = OsqueryInstance.create(withRootDirectory(root));

        assertThatThrownBy(() -> osquery.query("select 1")).isInstanceOf(OsqueryNotRunningException.class)
                .hasMessageContaining("not running").hasMessageContaining("select 1");
        osquery.shutdown();
        assertThat(osquery.healthy()).isFalse();
    }
}
