package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The installer against real archives and real binaries (shell scripts): installed, or refused with the reason. */
@Timeout(60)
class UpdateInstallerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path updates;
    private UpdateInstaller installer;

    @BeforeEach
    void setUp() {
        updates = dir.resolve("bin").resolve("osqueryd-updates");
        installer = new UpdateInstaller("osqueryd", updates, new ArchiveLimits(1024 * 1024, 50),
                Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void installsAGoodBuildAsUpdatesDirSlashUnixSecondsSlashBinary() throws Exception {
        Path archive = Archives.tar().script("osqueryd", FakeBuilds.versionOnly("osqueryd version 5.1.0"))
                .file("README", "hello", 0644).writeTo(dir.resolve("osqueryd-stable.tar.gz"));

        Path installed = installer.install(archive);

        assertThat(installed).isEqualTo(updates.resolve(Long.toString(NOW.getEpochSecond())).resolve("osqueryd"));
        assertThat(Files.isExecutable(installed)).isTrue();
        assertThat(installed.resolveSibling("README")).hasContent("hello");
        assertThat(installer.installed().binaries()).containsExactly(installed);
        assertThat(listing(updates)).containsExactly(Long.toString(NOW.getEpochSecond()));
    }

    @Test
    void findsTheBinaryOneDirectoryDeepAndMakesItExecutable() throws Exception {
        Path archive = Archives.tar().dir("osquery-5.1.0")
                .file("osquery-5.1.0/osqueryd", "#!/bin/sh\n" + FakeBuilds.versionOnly("5.1.0"), 0644)
                .file("osquery-5.1.0/lib.so", "x", 0644).writeTo(dir.resolve("a.tar.gz"));

        Path installed = installer.install(archive);

        assertThat(installed.getFileName().toString()).isEqualTo("osqueryd");
        assertThat(Files.isExecutable(installed)).isTrue();
        assertThat(installed.resolveSibling("lib.so")).exists();
    }

    static Stream<Arguments> refusedArchives() {
        return Stream.of(
                Arguments.of("binary fails --version",
                        Archives.tar().script("osqueryd", FakeBuilds.failingVersion()),
                        "--version exited with 3; output: error while loading shared libraries"),
                Arguments.of("binary hangs past the timeout",
                        Archives.tar().script("osqueryd", FakeBuilds.hanging()), "did not finish within 5000 ms"),
                Arguments.of("path traversal",
                        Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1")).file("../evil", "x", 0644),
                        "contains '..'"),
                Arguments.of("absolute path",
                        Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1")).file("/tmp/evil", "x", 0644),
                        "absolute path"),
                Arguments.of("symlink escaping the archive",
                        Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1")).symlink("etc", "../../../etc"),
                        "points outside the archive"),
                Arguments.of("absolute symlink",
                        Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1")).symlink("passwd", "/etc/passwd"),
                        "points outside the archive"),
                Arguments.of("writing through a link",
                        Archives.tar().symlink("here", ".").symlink("here/up", "..").file("here/up/evil", "x", 0644),
                        "goes through"),
                Arguments.of("binary is a link",
                        Archives.tar().file("real", "#!/bin/sh\nexit 0\n", 0755).symlink("osqueryd", "real"),
                        "is a link"),
                Arguments.of("too large", Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1"))
                        .zeros("padding", 2 * 1024 * 1024), "unpacks to more than 1048576 bytes"),
                Arguments.of("too many entries", manyEntries(60), "more than 50 entries"),
                Arguments.of("no binary", Archives.tar().script("osquery", FakeBuilds.versionOnly("1")),
                        "archive holds no osqueryd"),
                Arguments.of("same entry twice", Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1"))
                        .script("osqueryd", FakeBuilds.versionOnly("2")), "twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedArchives")
    void refusesAndLeavesNothingHalfInstalled(String what, Archives archive, String reason) throws Exception {
        Path staged = archive.writeTo(dir.resolve("staged.tar.gz"));

        assertThatThrownBy(() -> installer.install(staged)).isInstanceOf(UpdateRefusedException.class)
                .hasMessageContaining(reason);

        assertThat(listing(updates)).isEmpty();
        assertThat(installer.installed().binaries()).isEmpty();
        assertThat(listing(dir)).containsExactlyInAnyOrder("bin", "staged.tar.gz"); // nothing written outside
    }

    @Test
    void refusesAnArchiveThatIsNotGzip() throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.tar.gz"), "<html>502 Bad Gateway</html>");

        assertThatThrownBy(() -> installer.install(bogus)).isInstanceOf(UpdateRefusedException.class)
                .hasMessageContaining("unpacking bogus.tar.gz");
        assertThat(listing(updates)).isEmpty();
    }

    @Test
    void keepsTheTwoNewestVersionsAndRemovesBrokenOnesAndStagingLeftovers() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        UpdateInstaller installer = new UpdateInstaller("osqueryd", updates, ArchiveLimits.defaults(),
                Duration.ofSeconds(5), clock);
        Files.createDirectories(updates.resolve(".staging-crashed"));
        Path first = installer.install(build("1"));
        clock.advance(Duration.ofSeconds(10));
        Path second = installer.install(build("2"));
        installer.installed().markBroken(second, "test");
        clock.advance(Duration.ofSeconds(10));
        Path third = installer.install(build("3"));
        clock.advance(Duration.ofSeconds(10));
        Path fourth = installer.install(build("4"));

        assertThat(installer.installed().binaries()).containsExactly(fourth, third);
        assertThat(listing(updates)).containsExactlyInAnyOrder(dirName(fourth), dirName(third));
        assertThat(first).doesNotExist();
    }

    @Test
    void twoUpdatesInTheSameSecondGetTheirOwnDirectories() throws Exception {
        Path first = installer.install(build("1"));
        Path second = installer.install(build("2"));

        assertThat(dirName(second)).isEqualTo(Long.toString(NOW.getEpochSecond() + 1));
        assertThat(installer.installed().binaries()).containsExactly(second, first);
    }

    private Path build(String version) throws IOException {
        return Archives.tar().script("osqueryd", FakeBuilds.versionOnly(version))
                .writeTo(dir.resolve("staging").resolve(version + ".tar.gz"));
    }

    private static Archives manyEntries(int count) {
        Archives archive = Archives.tar().script("osqueryd", FakeBuilds.versionOnly("1"));
        for (int i = 0; i < count; i++) {
            archive.file("f" + i, "", 0644);
        }
        return archive;
    }

    private static String dirName(Path binary) {
        return binary.getParent().getFileName().toString();
    }

    static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
