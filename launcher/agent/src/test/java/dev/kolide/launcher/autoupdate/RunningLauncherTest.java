package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningLauncherTest {
    @TempDir
    Path dir;

    private Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    @Test
    void theSingleFileProgramIsItsOwnOriginal() throws IOException {
        Path launcher = executable(dir.resolve("bin/launcher"));

        assertThat(RunningLauncher.originalOf(launcher)).contains(launcher);
    }

    @Test
    void anInstalledUpdatesOriginalIsTheProgramItUpdates() throws IOException {
        Path update = executable(dir.resolve("bin/launcher-updates/1700000000/launcher"));

        assertThat(RunningLauncher.originalOf(update)).contains(dir.resolve("bin/launcher"));
    }

    @Test
    void noSelfUpdateFromClassDirectoriesOrTheDistributionsJar() throws IOException {
        Path jar = executable(dir.resolve("lib/launcher.jar"));

        assertThat(RunningLauncher.originalOf(jar)).isEmpty();
        assertThat(RunningLauncher.originalOf(dir)).isEmpty();
        assertThat(RunningLauncher.originalBinary(RunningLauncherTest.class)).isEmpty(); // target/test-classes
    }
}
