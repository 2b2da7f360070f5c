package dev.kolide.launcher.autoupdate;

import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionPlugins;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsquerydBinarySource;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRestartDelay;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRootDirectory;
import static dev.kolide.launcher.runtime.OsqueryOptions.withStartListener;
import static dev.kolide.launcher.runtime.OsqueryOptions.withStartupTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kolide.launcher.runtime.OsqueryInstance;
import dev.kolide.launcher.runtime.OsqueryOptions;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * osqueryd updates against the real runtime and real osqueryd-lite processes: a restart runs the newest installed
 * build, a build that does not start is marked broken and the runtime goes back, and the autoupdater does it all
 * from a directory-backed update source.
 */
@Timeout(180)
class OsquerydUpdateTest {
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path original;
    private UpdateInstaller installer;
    private OsqueryInstance osquery;
    private Thread autoupdater;

    @BeforeEach
    void setUp() throws IOException {
        original = script(dir.resolve("bin/osqueryd"), FakeBuilds.liteOsqueryd("5.0.0", "original-build"));
        installer = new UpdateInstaller("osqueryd", UpdatesDirectory.besideBinary(original, "osqueryd"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (autoupdater != null) {
            autoupdater.interrupt();
            autoupdater.join(10_000);
        }
        if (osquery != null) {
            osquery.shutdown();
        }
    }

    private OsqueryInstance launch() {
        InstalledUpdates installed = installer.installed();
        osquery = OsqueryInstance.launch(withOsquerydBinarySource(() -> installed.newest(original)),
                withStartListener(new RollbackOnFailedStarts(installed, RollbackOnFailedStarts.DEFAULT_MAX_FAILURES)),
                withRootDirectory(dir.resolve("root")), withRestartDelay(Duration.ofMillis(100), Duration.ofMillis(400)),
                withStartupTimeout(Duration.ofSeconds(20)), withExtensionPlugins(launcherPlugins()));
        return osquery;
    }

    @Test
    void aRestartRunsTheNewestInstalledOsqueryd() throws Exception {
        launch();
        assertThat(osquery.awaitHealthy(START)).isTrue();
        assertThat(runningBuild()).isEqualTo("original-build");

        Path installed = installer.install(archive("new", FakeBuilds.liteOsqueryd("5.1.0", "new-build")));
        osquery.restart();

        await().atMost(START).until(() -> osquery.restarts() == 1 && osquery.healthy());
        assertThat(osquery.command().get(0)).isEqualTo(installed.toString());
        assertThat(runningBuild()).isEqualTo("new-build");
    }

    @Test
    void anUpdateThatDoesNotStartIsMarkedBrokenAndTheOriginalRunsAgain() throws Exception {
        launch();
        assertThat(osquery.awaitHealthy(START)).isTrue();
        Path bad = installer.install(archive("bad", FakeBuilds.exitsAtStart("osqueryd version 6.6.6")));

        osquery.restart();

        await().atMost(START).until(() -> Files.exists(bad.resolveSibling(InstalledUpdates.BROKEN_MARKER)));
        await().atMost(START).until(() -> osquery.healthy() && osquery.command().get(0).equals(original.toString()));
        assertThat(bad.resolveSibling(InstalledUpdates.BROKEN_MARKER)).content()
                .contains("failed to start 3 times in a row");
        assertThat(runningBuild()).isEqualTo("original-build");
        assertThat(installer.installed().binaries()).isEmpty();
    }

    @Test
    void theAutoupdaterInstallsANewBuildRestartsOsquerydOnItAndRefusesABadOne() throws Exception {
        Path repository = dir.resolve("repository");
        String target = new UpdateTargets("kolide", UpdateChannel.STABLE, "linux").target("osqueryd");
        DirectoryUpdateSource source = new DirectoryUpdateSource(repository);
        launch();
        assertThat(osquery.awaitHealthy(START)).isTrue();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Autoupdater updater = new Autoupdater(List.of(new ManagedBinary("osqueryd", target, source,
                dir.resolve("root/osqueryd-staging"), installer, binary -> osquery.restart())),
                Duration.ZERO, Duration.ofMillis(200));
        autoupdater = new Thread(() -> {
            try {
                updater.execute();
            } catch (Exception e) {
                failure.set(e);
            }
        }, "autoupdater-test");
        autoupdater.start();

        Files.move(archive("new", FakeBuilds.liteOsqueryd("5.1.0", "new-build")), Files.createDirectories(
                repository.resolve("linux")).resolve("osqueryd-stable.tar.gz"));

        await().atMost(START).until(() -> osquery.healthy() && "new-build".equals(runningBuildOrNull()));
        long pid = osquery.pid().orElseThrow();
        Path running = Path.of(osquery.command().get(0));
        assertThat(installer.installed().binaries()).containsExactly(running);

        Files.move(archive("broken", FakeBuilds.failingVersion()),
                repository.resolve("linux/osqueryd-stable.tar.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int fetchesBefore = source.fetches();
        await().atMost(START).until(() -> source.fetches() >= fetchesBefore + 3);

        assertThat(osquery.pid()).hasValue(pid);
        assertThat(runningBuild()).isEqualTo("new-build");
        assertThat(installer.installed().binaries()).containsExactly(running);
        assertThat(dir.resolve("root/osqueryd-staging")).isEmptyDirectory();
        assertThat(failure.get()).isNull();
        updater.interrupt(new IllegalStateException("test over"));
    }

    private String runningBuild() {
        return osquery.query("select uuid from system_info").get(0).get("uuid");
    }

    private String runningBuildOrNull() {
        try {
            return runningBuild();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Path archive(String name, String osquerydBody) throws IOException {
        return Archives.tar().script("osqueryd", osquerydBody).writeTo(dir.resolve("archives/" + name + ".tar.gz"));
    }

    private static Path script(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    /** What the launcher registers: config, logger and distributed plugins named as its extension. */
    static dev.kolide.osquery.sdk.plugin.Plugin[] launcherPlugins() {
        String name = OsqueryOptions.DEFAULT_EXTENSION_NAME;
        return new dev.kolide.osquery.sdk.plugin.Plugin[] {
            new ConfigPlugin(name, () -> Map.of("main", "{\"options\":{},\"schedule\":{}}")),
            new LoggerPlugin(name, (type, text) -> { }),
            new DistributedPlugin(name, DistributedQueries::none, results -> { })};
    }
}
