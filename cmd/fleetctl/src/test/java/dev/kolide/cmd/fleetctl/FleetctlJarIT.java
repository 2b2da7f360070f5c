package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged target/fleetctl.jar, run as a process with its own HOME, against fleet over HTTPS. */
@Tag("packaged")
@Timeout(180)
class FleetctlJarIT {
    @TempDir
    Path dir;

    private InProcessFleet fleet;
    private Path home;

    @BeforeEach
    void startFleet() {
        fleet = new InProcessFleet(dir.resolve("fleet"));
        home = dir.resolve("home");
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    private record Result(int code, String out, String err) {}

    /** fleetctl with HOME set and no KOLIDE_ variables: the default ~/.fleet/config is used. */
    private Result fleetctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/fleetctl.jar"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aUserSetsUpAppliesAndGetsSpecsBackInTheDefaultConfigFile() throws Exception {
        assertThat(fleetctl("config", "set", "--address", fleet.address(), "--rootca", fleet.caFile().toString())
                .code()).isZero();
        Result setup = fleetctl("setup", "--email", "admin@example.com", "--password", "p4ssw0rd!",
                "--org-name", "Acme");
        assertThat(setup.code()).as(setup.err()).isZero();
        assertThat(home.resolve(".fleet").resolve("config")).exists();
        Path specs = dir.resolve("specs.yml");
        Files.writeString(specs, """
                apiVersion: v1
                kind: query
                spec:
                  name: uptime
                  query: SELECT * FROM uptime;
                """);

        Result applied = fleetctl("apply", "-f", specs.toString());
        Result got = fleetctl("get", "queries", "--yaml");

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(got.out()).isEqualTo("""
                ---
                apiVersion: v1
                kind: query
                spec:
                  name: uptime
                  description: ""
                  query: SELECT * FROM uptime;
                """);
    }

    @Test
    void theServersRefusalIsOneLineOnStderrWithExitOne() throws Exception {
        fleetctl("config", "set", "--address", fleet.address(), "--rootca", fleet.caFile().toString());
        fleetctl("setup", "--email", "admin@example.com", "--password", "p4ssw0rd!", "--org-name", "Acme");

        Result refused = fleetctl("login", "--email", "admin@example.com", "--password", "n0t-it!");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("fleetctl: logging in as admin@example.com: ");
    }
}
