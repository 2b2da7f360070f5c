package dev.kolide.cmd.osqueryperf;

import dev.kolide.kit.testing.JarProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code fleet serve --dev} (embedded database, dev CA in {@code dir/data}), set up with the packaged
 * fleetctl: an admin and an enroll secret. Both jars are built earlier in the reactor.
 */
final class PackagedFleet implements AutoCloseable {
    static final Path FLEET_JAR = Path.of("..", "fleet", "target", "fleet.jar");
    static final Path FLEETCTL_JAR = Path.of("..", "fleetctl", "target", "fleetctl.jar");
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");

    private final Path dir;
    private final Process process;
    private final int port;

    private PackagedFleet(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts fleet on a free port and sets it up with {@code enrollSecret}. */
    static PackagedFleet start(Path dir, String enrollSecret) throws Exception {
        Path log = dir.resolve("fleet.log");
        Process process = JarProcess.start(FLEET_JAR, List.of("serve", "--dev", "--dev_data_dir",
                dir.resolve("data").toString(), "--server_address", "127.0.0.1:0",
                "--osquery_status_log_file", dir.resolve("status.log").toString(),
                "--osquery_result_log_file", dir.resolve("result.log").toString()), log, dir, Map.of());
        PackagedFleet fleet = null;
        try {
            fleet = new PackagedFleet(dir, process, awaitPort(process, log));
            fleet.setUp(enrollSecret);
            return fleet;
        } finally {
            if (fleet == null) {
                JarProcess.stop(process);
            }
        }
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher serving = SERVING.matcher(Files.readString(log));
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("fleet exited:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet not serving within 90 s:\n" + Files.readString(log));
    }

    private void setUp(String enrollSecret) throws Exception {
        fleetctl("config", "set", "--address", url(), "--rootca", ca().toString());
        fleetctl("setup", "--email", "admin@example.com", "--password", "p4ssw0rd!", "--org-name", "perf",
                "--enroll-secret", enrollSecret);
    }

    private void fleetctl(String... args) throws Exception {
        Path log = dir.resolve("fleetctl.out");
        Process run = JarProcess.start(FLEETCTL_JAR, List.of(args), log, dir,
                Map.of("KOLIDE_FLEETCTL_CONFIG", dir.resolve("fleetctl.yml").toString()));
        run.getOutputStream().close();
        if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new AssertionError("fleetctl " + List.of(args) + " failed:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    String url() {
        return "https://localhost:" + port;
    }

    Path ca() {
        return dir.resolve("data").resolve("tls").resolve("ca.pem");
    }

    /** Arguments naming this fleet for osquery-perf. */
    List<String> perfArgs() {
        return new ArrayList<>(List.of("--fleet_url", url(), "--root_pem", ca().toString()));
    }

    @Override
    public void close() throws Exception {
        JarProcess.stop(process);
    }
}
