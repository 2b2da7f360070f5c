package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AutoupdaterTest {
    @TempDir
    Path dir;

    private ManagedBinary binary(String name, UpdateSource source, ManagedBinary.AfterInstall afterInstall) {
        return new ManagedBinary(name, "linux/" + name + "-stable.tar.gz", source, dir.resolve(name + "-staging"),
                new UpdateInstaller(name, dir.resolve("bin/" + name + "-updates"), Clock.systemUTC()), afterInstall);
    }

    private Path publish(Path repository, String name, String body) throws Exception {
        return Archives.tar().script(name, body).writeTo(repository.resolve("linux/" + name + "-stable.tar.gz"));
    }

    @Test
    void aNewLauncherBuildEndsTheRunWithARestartAfterTheOtherBinariesWereUpdated() throws Exception {
        Path repository = dir.resolve("repository");
        publish(repository, "launcher", FakeBuilds.versionOnly("launcher 2.0.0"));
        publish(repository, "osqueryd", FakeBuilds.versionOnly("osqueryd 5.2.0"));
        List<Path> restartedOn = new ArrayList<>();
        Autoupdater updater = new Autoupdater(List.of(
                binary("launcher", new DirectoryUpdateSource(repository), installed -> {
                    throw new RestartForUpdateException(installed);
                }),
                binary("osqueryd", new DirectoryUpdateSource(repository), restartedOn::add)),
                Duration.ZERO, Duration.ofHours(1));

        assertThatThrownBy(updater::execute).isInstanceOf(RestartForUpdateException.class)
                .hasMessageContaining("bin/launcher-updates/").hasMessageContaining("restarting to run it");

        assertThat(restartedOn).singleElement().satisfies(p -> assertThat(p.toString()).contains("osqueryd-updates"));
        assertThat(new InstalledUpdates(dir.resolve("bin/launcher-updates"), "launcher").binaries()).hasSize(1);
    }

    @Test
    void failuresAreLoggedAndTriedAgainAtTheNextInterval() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        UpdateSource flaky = (target, staging) -> {
            if (calls.incrementAndGet() < 3) {
                throw new UpdateFailedException("notary unreachable: connection refused");
            }
            try {
                Files.writeString(staging.resolve("junk"), "left behind");
            } catch (java.io.IOException e) {
                throw new UpdateFailedException("writing junk", e);
            }
            return Optional.empty();
        };
        UpdateSource throwing = (target, staging) -> {
            throw new IllegalStateException("a bug in a source");
        };
        Autoupdater updater = new Autoupdater(List.of(binary("osqueryd", flaky, p -> { }),
                binary("launcher", throwing, p -> { })), Duration.ZERO, Duration.ofMillis(50));
        Thread thread = new Thread(() -> {
            try {
                updater.execute();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 4);
        updater.interrupt(new IllegalStateException("test over"));
        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(dir.resolve("osqueryd-staging")).isEmptyDirectory();
    }

    @Test
    void waitsForTheInitialDelayAndStopsPromptlyWhenInterrupted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Autoupdater updater = new Autoupdater(List.of(binary("osqueryd", (t, s) -> {
            calls.incrementAndGet();
            return Optional.empty();
        }, p -> { })), Duration.ofHours(1), Duration.ofHours(1));
        updater.interrupt(new IllegalStateException("stopped before it ran"));

        long start = System.nanoTime();
        updater.execute();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(calls).hasValue(0);
    }
}
