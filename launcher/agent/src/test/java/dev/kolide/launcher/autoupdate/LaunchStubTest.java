package dev.kolide.launcher.autoupdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch stub of the single-file programs (cmd/src/launch/stub.sh) runs the newest installed launcher: how a
 * launcher that exited for its own update comes back on it. A fake {@code java} shows when the stub ran its own jar.
 */
class LaunchStubTest {
    /** The stub, from the module's directory (where surefire runs the tests). */
    private static final Path STUB = Path.of("../../cmd/src/launch/stub.sh");

    @TempDir
    Path dir;

    private Path bin;
    private Path javaHome;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isRegularFile(STUB), "the launch stub is at " + STUB.toAbsolutePath());
        bin = Files.createDirectories(dir.resolve("bin"));
        javaHome = dir.resolve("jdk");
        executable(javaHome.resolve("bin/java"), "echo \"java $*\"\n");
    }

    @Test
    void runsTheNewestUpdateThatIsNotBroken() throws Exception {
        Path launcher = program("launcher");
        executable(bin.resolve("launcher-updates/1700000000/launcher"), "echo \"old $*\"\n");
        executable(bin.resolve("launcher-updates/1700000100/launcher"), "echo \"new $*\"\n");
        executable(bin.resolve("launcher-updates/1700000200/launcher"), "echo \"broken $*\"\n");
        Files.writeString(bin.resolve("launcher-updates/1700000200/broken"), "marked\n");
        Files.createDirectories(bin.resolve("launcher-updates/1700000300")); // incomplete
        Files.createDirectories(bin.resolve("launcher-updates/.staging-1"));

        assertThat(run(launcher, "--hostname", "fleet:8080")).isEqualTo("new --hostname fleet:8080");
    }

    @Test
    void runsItsOwnJarWithoutUpdates() throws Exception {
        Path launcher = program("launcher");
        Files.createDirectories(bin.resolve("launcher-updates"));

        assertThat(run(launcher, "--debug")).isEqualTo("java -XX:+UseSerialGC -jar " + launcher + " --debug");
    }

    @Test
    void otherProgramsIgnoreLauncherUpdates() throws Exception {
        Path fleet = program("fleet");
        executable(bin.resolve("launcher-updates/1700000100/launcher"), "echo \"new $*\"\n");

        assertThat(run(fleet, "serve")).isEqualTo("java -XX:+UseSerialGC -jar " + fleet + " serve");
    }

    /** The stub as {@code make programs} writes it, without the jar (the fake java does not read it). */
    private Path program(String name) throws IOException {
        String stub = Files.readString(STUB, StandardCharsets.UTF_8).replace("@JVM_OPTS@", "-XX:+UseSerialGC");
        Path program = bin.resolve(name);
        Files.writeString(program, stub, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    private String run(Path program, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", program.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static void executable(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
