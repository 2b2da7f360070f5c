package dev.kolide.cmd.packagebuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kolide.updater.testing.FileServer;
import dev.kolide.updater.testing.NotaryUnderTest;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar resolving {@code --osquery_version stable} against a real notary-server and a mirror: the deb
 * holds the published osqueryd, and a mirror altering one byte of the archive fails the build with nothing written.
 * Needs Debian's {@code notary} package and dpkg-deb: skipped without them, except in CI (env CI set).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageBuilderNotaryIT {
    private static final Path JAR = Path.of("target", "package-builder.jar").toAbsolutePath();
    private static final String TARGET = "linux/osqueryd-stable.tar.gz";
    private static final byte[] OSQUERYD = "#!/bin/sh\necho 'osqueryd 5.12.1 published through notary'\n"
            .getBytes(StandardCharsets.UTF_8);

    private Path work;
    private NotaryUnderTest notary;
    private FileServer mirror;
    private Path root;

    private record Result(int code, String out, String err) {}

    @BeforeAll
    void publish() throws Exception {
        boolean installed = NotaryUnderTest.installed() && onPath("dpkg-deb");
        if (System.getenv("CI") == null || System.getenv("CI").isEmpty()) {
            assumeTrue(installed, "notary-server, notary or dpkg-deb not on PATH (apt-get install notary dpkg)");
        }
        assertThat(installed).as("notary and dpkg-deb must be installed in CI").isTrue();
        work = Files.createTempDirectory("package-builder-notary-it");
        notary = NotaryUnderTest.start(work);
        Path mirrorRoot = Files.createDirectories(work.resolve("mirror"));
        mirror = FileServer.mirror(mirrorRoot);

        Path archive = work.resolve("osqueryd-stable.tar.gz");
        writeTarGz(archive, "osqueryd", OSQUERYD);
        notary.cli("", "init", NotaryUnderTest.GUN, "-p");
        notary.cli("", "add", NotaryUnderTest.GUN, TARGET, archive.toString());
        notary.cli("", "publish", NotaryUnderTest.GUN);
        Path served = mirrorRoot.resolve(NotaryUnderTest.GUN).resolve(TARGET);
        Files.createDirectories(served.getParent());
        Files.copy(archive, served);
        root = work.resolve("root.json");
        Files.write(root, notary.rootJson());

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(work.resolve("launcher.jar")),
                manifest)) {
            jar.flush();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (mirror != null) {
            mirror.close();
        }
        if (notary != null) {
            notary.stop();
        }
    }

    @Test
    @Order(1)
    void theDebHoldsThePublishedOsqueryd() throws Exception {
        Path out = work.resolve("out");
        Result made = make(out, work.resolve("cache"));
        assertThat(made.code()).as(made.err()).isZero();
        Path deb = out.resolve("launcher.linux-systemd-deb.deb");
        assertThat(made.out().strip()).isEqualTo(deb.toString());
        assertThat(made.err()).contains("resolving osqueryd " + TARGET, "plain HTTP").doesNotContain("\tat ");

        Path unpacked = work.resolve("unpacked");
        Result extracted = tool("dpkg-deb", "-x", deb.toString(), unpacked.toString());
        assertThat(extracted.code()).as(extracted.out()).isZero();
        assertThat(unpacked.resolve("usr/local/launcher/bin/osqueryd")).hasBinaryContent(OSQUERYD);
    }

    @Test
    @Order(2)
    void anAlteredArchiveFailsTheBuildAndWritesNothing() throws Exception {
        mirror.tamperWith(path -> path.endsWith("/" + TARGET));
        Path out = work.resolve("tampered");
        Result made = make(out, work.resolve("cache-tampered"));
        mirror.tamperWith(path -> false);

        assertThat(made.code()).as(made.err()).isEqualTo(1);
        assertThat(made.err()).contains("verification failed: " + TARGET + ": hash").doesNotContain("\tat ");
        assertThat(made.out()).isEmpty();
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).as("nothing in the output dir").isEmpty();
            }
        }
    }

    @Test
    @Order(3)
    void anUnreachableNotaryNamesTheServer() throws Exception {
        Path out = work.resolve("unreachable");
        Result made = run("make", "--hostname", "h:443", "--enroll_secret", "s", "--osquery_version", "stable",
                "--notary_url", "http://127.0.0.1:1", "--mirror_url", mirror.url(), "--notary_root", root.toString(),
                "--targets", "linux-systemd-deb", "--package_version", "1.0.0", "--launcher_version",
                work.resolve("launcher.jar").toString(), "--output_dir", out.toString());

        assertThat(made.code()).as(made.err()).isEqualTo(1);
        assertThat(made.err()).contains("network failed", "http://127.0.0.1:1").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    private Result make(Path out, Path cache) throws Exception {
        return run("make", "--hostname", "h:443", "--enroll_secret", "s", "--osquery_version", "stable",
                "--notary_url", notary.url(), "--mirror_url", mirror.url(), "--notary_root", root.toString(),
                "--targets", "linux-systemd-deb", "--package_version", "1.0.0", "--launcher_version",
                work.resolve("launcher.jar").toString(), "--cache_dir", cache.toString(), "--output_dir",
                out.toString());
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(n -> n.startsWith("KOLIDE_") || n.equals("HOSTNAME")
                || n.equals("TARGETS") || n.equals("OUTPUT_DIR") || n.equals("NOTARY_URL")
                || n.equals("MIRROR_URL") || n.equals("CACHE_DIR"));
        Path stdout = Files.createTempFile(work, "out", ".txt");
        Path stderr = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private Result tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output, "");
    }

    private static void writeTarGz(Path file, String name, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0755);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }
}
