package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged fleetctl, with a context file of the test's own. */
final class Fleetctl {
    static final Path FLEETCTL_JAR = Path.of("..", "fleetctl", "target", "fleetctl.jar");

    private final Path dir;
    private int runs;

    Fleetctl(Path dir) {
        this.dir = dir;
    }

    record Run(int code, String out) {}

    Run run(String... args) throws Exception {
        Path log = dir.resolve("fleetctl-" + (++runs) + ".out");
        Process process = JarProcess.start(FLEETCTL_JAR, List.of(args), log, dir,
                Map.of("KOLIDE_FLEETCTL_CONFIG", dir.resolve("fleetctl.yml").toString()));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("fleetctl %s", List.of(args)).isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Points the context at fleet, sets it up with an admin and {@code secret}, and logs in. */
    void setUp(FleetUnderTest fleet, String secret) throws Exception {
        Run set = run("config", "set", "--address", fleet.url(), "--rootca", fleet.ca().toString());
        assertThat(set.code()).as(set.out()).isZero();
        Run setup = run("setup", "--email", "admin@example.com", "--password", "p4ssw0rd!", "--org-name", "IT",
                "--enroll-secret", secret);
        assertThat(setup.code()).as(setup.out()).isZero();
    }

    void apply(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("spec-" + (runs + 1) + ".yml"), yaml);
        Run apply = run("apply", "-f", file.toString());
        assertThat(apply.code()).as(apply.out()).isZero();
    }
}
