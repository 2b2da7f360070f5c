package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged launcher's command line: query, socket, and what it says about bad flags. */
@Timeout(120)
class LauncherCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path osqueryd;

    @BeforeEach
    void osquerydLite() throws Exception {
        osqueryd = dir.resolve("osqueryd");
        Files.writeString(osqueryd, "#!/bin/sh\nexec \"" + JarProcess.java() + "\" -jar \""
                + LauncherUnderTest.OSQUERYD_LITE_JAR.toAbsolutePath() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(osqueryd, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, String stdout, String stderr) {}

    private Result launcher(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(JarProcess.java().toString(), "-jar",
                LauncherUnderTest.LAUNCHER_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void queryRunsSqlThroughAFreshOsquerydAndPrintsTheRows() throws Exception {
        Result result = launcher("query", "--osqueryd_path", osqueryd.toString(),
                "select version from osquery_info");
        assertThat(result.code()).as(result.stderr()).isZero();
        JsonNode rows = JSON.readTree(result.stdout());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.get(0).path("version").asText()).endsWith("-lite");
    }

    @Test
    void queryTakesAFileOfNamedQueries() throws Exception {
        Path queries = Files.writeString(dir.resolve("queries.json"),
                "{\"queries\": {\"info\": \"select version from osquery_info\", \"launcher\":"
                        + " \"select * from kolide_launcher_info\"}}");
        Result result = launcher("query", "--osqueryd_path", osqueryd.toString(), "--queries", queries.toString());
        assertThat(result.code()).as(result.stderr()).isZero();
        JsonNode results = JSON.readTree(result.stdout()).path("results");
        assertThat(results.path("info").get(0).has("version")).isTrue();
        assertThat(results.path("launcher").get(0).path("goos").asText()).isEqualTo("linux");
    }

    @Test
    void socketServesOsquerydUntilStopped() throws Exception {
        Path out = dir.resolve("socket.out");
        ProcessBuilder builder = new ProcessBuilder(JarProcess.java().toString(), "-jar",
                LauncherUnderTest.LAUNCHER_JAR.toAbsolutePath().toString(), "socket", "--osqueryd_path",
                osqueryd.toString(), "--root_directory", dir.resolve("root").toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("socket.err").toFile());
        Process socket = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("osquery.sock"));
            String path = Files.readString(out).strip();
            assertThat(path).isEqualTo(dir.resolve("root").resolve("osquery.sock").toString());

            Result result = launcher("query", "--socket", path, "select 42 as answer");
            assertThat(result.code()).as(result.stderr()).isZero();
            assertThat(JSON.readTree(result.stdout()).get(0).path("answer").asText()).isEqualTo("42");
        } finally {
            socket.destroy();
        }
        assertThat(socket.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(dir.resolve("root").resolve("osquery.pid"))
                || ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("root").resolve("osquery.pid"))
                        .strip())).map(p -> !p.isAlive()).orElse(true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no hostname             | --enroll_secret=s                                        | --hostname is required",
        "both secrets            | --hostname=h:1 --enroll_secret=s --enroll_secret_path=/etc/hostname | both set",
        "unreadable secret file  | --hostname=h:1 --enroll_secret_path=/nonexistent/secret  | /nonexistent/secret does not exist",
        "unreadable root_pem     | --hostname=h:1 --enroll_secret=s --root_pem=/nonexistent/ca.pem | --root_pem: /nonexistent/ca.pem",
        "bad transport           | --hostname=h:1 --enroll_secret=s --transport=smoke       | unknown transport 'smoke'",
        "bad pin                 | --hostname=h:1 --enroll_secret=s --cert_pins=zz          | is not a hex SHA-256",
        "bad duration            | --hostname=h:1 --enroll_secret=s --logging_interval=soon | logging_interval",
        "unknown flag            | --hostname=h:1 --no_such_flag                            | no_such_flag",
    })
    void badFlagsExitTwoWithAClearMessage(String name, String flags, String message) throws Exception {
        List<String> args = new ArrayList<>(List.of(flags.trim().split(" +")));
        args.addAll(List.of("--osqueryd_path", osqueryd.toString(), "--root_directory", dir.resolve("r").toString()));
        Result result = launcher(args.toArray(String[]::new));
        assertThat(result.code()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderr()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
