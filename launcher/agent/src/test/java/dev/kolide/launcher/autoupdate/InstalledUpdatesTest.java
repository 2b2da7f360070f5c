package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledUpdatesTest {
    @TempDir
    Path dir;

    private Path version(Path updates, String name, boolean executable) throws IOException {
        Path binary = Files.createDirectories(updates.resolve(name)).resolve("osqueryd");
        Files.writeString(binary, "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        return binary;
    }

    @Test
    void listsValidVersionsNewestFirstByNumberNotByName() throws IOException {
        Path updates = dir.resolve("osqueryd-updates");
        Path older = version(updates, "999999999", true);
        Path newer = version(updates, "1700000000", true);
        Path newest = version(updates, "1700000100", true);
        InstalledUpdates installed = new InstalledUpdates(updates, "osqueryd");

        assertThat(installed.binaries()).containsExactly(newest, newer, older);
        assertThat(installed.newest(Path.of("/usr/local/kolide/bin/osqueryd"))).isEqualTo(newest);
    }

    @Test
    void ignoresBrokenIncompleteStagingAndForeignEntries() throws IOException {
        Path updates = dir.resolve("osqueryd-updates");
        Path good = version(updates, "1700000000", true);
        Path broken = version(updates, "1700000300", true);
        version(updates, "1700000200", false); // not executable
        Files.createDirectories(updates.resolve("1700000400")); // incomplete: no binary
        version(updates, ".staging-123", true);
        version(updates, "notes", true);
        Files.writeString(updates.resolve("1700000500"), "a file, not a version");
        InstalledUpdates installed = new InstalledUpdates(updates, "osqueryd");

        installed.markBroken(broken, "failed to start 3 times");

        assertThat(broken.resolveSibling(InstalledUpdates.BROKEN_MARKER)).content().contains("failed to start");
        assertThat(installed.binaries()).containsExactly(good);
        assertThat(installed.stagingLeftovers()).containsExactly(updates.resolve(".staging-123"));
    }

    @Test
    void theOriginalWhenNothingIsInstalled() {
        InstalledUpdates installed = new InstalledUpdates(dir.resolve("missing-updates"), "osqueryd");
        Path original = dir.resolve("osqueryd");

        assertThat(installed.binaries()).isEmpty();
        assertThat(installed.newest(original)).isEqualTo(original);
        assertThat(installed.isInstalledUpdate(original)).isFalse();
        assertThatThrownBy(() -> installed.markBroken(original, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an update installed in");
    }

    @Test
    void tellsInstalledUpdatesFromOtherBinaries() throws IOException {
        Path updates = dir.resolve("osqueryd-updates");
        Path binary = version(updates, "1700000000", true);
        InstalledUpdates installed = new InstalledUpdates(updates, "osqueryd");

        assertThat(installed.isInstalledUpdate(binary)).isTrue();
        assertThat(installed.isInstalledUpdate(updates.resolve(".staging-1/osqueryd"))).isFalse();
        assertThat(installed.isInstalledUpdate(dir.resolve("other/1700000000/osqueryd"))).isFalse();
    }
}
