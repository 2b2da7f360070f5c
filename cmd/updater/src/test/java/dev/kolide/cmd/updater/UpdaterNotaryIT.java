package dev.kolide.cmd.updater;

import dev.kolide.updater.testing.FileServer;
import dev.kolide.updater.testing.NotaryUnderTest;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged updater against a real notary-server 0.7.0: a repository published with the notary CLI, a mirror,
 * key rotations, and an attacker altering one byte of snapshot.json or of the target. Needs Debian's {@code notary}
 * package (notary, notary-server on PATH): skipped without it, except in CI (env CI set), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdaterNotaryIT {
    private static final String TARGET = "linux/osqueryd-stable.tar.gz";

    private final ObjectMapper json = new ObjectMapper();
    private Path work;
    private NotaryUnderTest notary;
    private FileServer mirror;
    private FileServer proxy;
    private Path mirrorRoot;
    private Path localRepo;
    private byte[] build;
    private int rootVersion;

    private record Result(int exitCode, String stdout, String stderr) {}

    @BeforeAll
    void startNotary() throws Exception {
        boolean installed = NotaryUnderTest.installed();
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "notary-server and notary are not on PATH (apt-get install notary)");
        }
        assertThat(installed).as("notary must be installed in CI (.ci/run installs it)").isTrue();
        work = Files.createTempDirectory("updater-notary-it");
        notary = NotaryUnderTest.start(work);
        mirrorRoot = Files.createDirectories(work.resolve("mirror"));
        mirror = FileServer.mirror(mirrorRoot);
        proxy = FileServer.proxy(notary.url());
        localRepo = work.resolve("local-repo");
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        if (notary != null) {
            notary.stop();
        }
    }

    @Test
    @Order(1)
    void initCheckAndDownloadAFreshRepository() throws Exception {
        build = publish(1);
        Path root = work.resolve("root.json");
        Files.write(root, notary.rootJson());

        Result init = updater("init", "--root", root.toString(), "--local_repo", localRepo.toString(),
                "--gun", NotaryUnderTest.GUN);
        assertThat(init.exitCode()).as(init.stderr()).isZero();

        JsonNode check = checkJson(notary.url());
        rootVersion = check.get("root_version").asInt();
        assertThat(target(check).get("length").asLong()).isEqualTo(build.length);
        assertThat(target(check).get("hashes").get("sha256").asText()).isEqualTo(sha256(build));

        Result text = updater(withServers(notary.url(), "check"));
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).contains(TARGET, "sha256:" + sha256(build));
        assertThat(text.stderr()).contains("plain HTTP").doesNotContain("\tat ");

        Path out = work.resolve("osqueryd-1.tar.gz");
        Result download = updater(withServers(notary.url(), "download", TARGET, "-o", out.toString()));
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        assertThat(out).hasBinaryContent(build);
        assertThat(download.stderr()).as("no progress bar when stderr is not a terminal").doesNotContain("\r");
    }

    @Test
    @Order(2)
    void followsKeyRotationsAndANewBuild() throws Exception {
        notary.cli("", "key", "rotate", NotaryUnderTest.GUN, "targets");
        notary.cli("yes\n", "key", "rotate", NotaryUnderTest.GUN, "root");
        notary.cli("", "key", "rotate", NotaryUnderTest.GUN, "timestamp", "-r");
        build = publish(2);

        JsonNode check = checkJson(notary.url());
        assertThat(check.get("root_version").asInt()).isGreaterThan(rootVersion);
        assertThat(check.get("timestamp_changed").asBoolean()).isTrue();
        assertThat(target(check).get("changed").asBoolean()).isTrue();
        assertThat(target(check).get("hashes").get("sha256").asText()).isEqualTo(sha256(build));

        Path out = work.resolve("osqueryd-2.tar.gz");
        Result download = updater(withServers(notary.url(), "download", TARGET, "-o", out.toString()));
        assertThat(download.exitCode()).as(download.stderr()).isZero();
        assertThat(out).hasBinaryContent(build);
    }

    @Test
    @Order(3)
    void anAlteredSnapshotIsRefusedAndNothingIsSaved() throws Exception {
        publish(3);
        Map<String, byte[]> before = snapshotOf(localRepo);
        proxy.tamperWith(path -> path.endsWith("/_trust/tuf/snapshot.json"));

        Result check = updater(withServers(proxy.url(), "check"));
        assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isEqualTo(3);
        assertThat(check.stderr()).contains("updater: verification failed: snapshot").doesNotContain("\tat ");

        Path out = work.resolve("never.tar.gz");
        Result download = updater(withServers(proxy.url(), "download", TARGET, "-o", out.toString()));
        assertThat(download.exitCode()).as(download.stderr()).isEqualTo(3);
        assertThat(out).doesNotExist();
        assertThat(snapshotOf(localRepo)).as("the trusted local repository is unchanged")
                .containsOnlyKeys(before.keySet())
                .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
    }

    @Test
    @Order(4)
    void anAlteredTargetIsRefusedAndNoFileIsWritten() throws Exception {
        mirror.tamperWith(path -> path.endsWith("/" + TARGET));
        Path out = work.resolve("tampered.tar.gz");

        Result download = updater(withServers(notary.url(), "download", TARGET, "-o", out.toString()));

        assertThat(download.exitCode()).as(download.stderr()).isEqualTo(3);
        assertThat(download.stderr()).contains("updater: verification failed: " + TARGET + ": hash");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        mirror.tamperWith(path -> false);
    }

    @Test
    @Order(5)
    void anUnreachableNotaryIsANetworkFailure() throws Exception {
        Result check = updater(withServers("http://127.0.0.1:1", "check"));

        assertThat(check.exitCode()).as(check.stderr()).isEqualTo(4);
        assertThat(check.stderr()).contains("updater: network failed:").doesNotContain("\tat ");
    }

    /** Builds {@code number} of the target, puts it on the mirror, adds and publishes it with the notary CLI. */
    private byte[] publish(int number) throws Exception {
        byte[] bytes = gzip("#!/bin/sh\necho \"osqueryd stable linux build " + number + " (test artifact)\"\n");
        Path file = mirrorRoot.resolve(NotaryUnderTest.GUN).resolve(TARGET);
        Files.createDirectories(file.getParent());
        if (number == 1) {
            notary.cli("", "init", NotaryUnderTest.GUN, "-p");
        }
        Path staged = work.resolve("build-" + number + ".tar.gz");
        Files.write(staged, bytes);
        notary.cli("", "add", NotaryUnderTest.GUN, TARGET, staged.toString());
        notary.cli("", "publish", NotaryUnderTest.GUN);
        Files.write(file, bytes);
        return bytes;
    }

    private JsonNode checkJson(String notaryUrl) throws Exception {
        Result check = updater(withServers(notaryUrl, "check", "--json"));
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        return json.readTree(check.stdout());
    }

    private static JsonNode target(JsonNode check) {
        for (JsonNode target : check.get("targets")) {
            if (target.get("name").asText().equals(TARGET)) {
                return target;
            }
        }
        throw new AssertionError("no " + TARGET + " in " + check);
    }

    private String[] withServers(String notaryUrl, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--gun", NotaryUnderTest.GUN, "--local_repo", localRepo.toString(),
                "--notary_url", notaryUrl, "--mirror_url", mirror.url()));
        return args.toArray(String[]::new);
    }

    private Result updater(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "updater.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        Path out = Files.createTempFile(work, "updater", ".out");
        Path err = Files.createTempFile(work, "updater", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("updater " + String.join(" ", args) + " did not finish in 120 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Every file below {@code dir} by relative path, with its bytes. */
    private static Map<String, byte[]> snapshotOf(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content.getBytes(UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
