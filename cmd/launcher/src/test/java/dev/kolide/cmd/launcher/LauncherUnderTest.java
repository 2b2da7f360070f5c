package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged launcher (this module's jar) supervising the packaged osqueryd-lite, enrolled to a
 * {@link FleetUnderTest}. Its root directory survives restarts, as on a real host.
 */
final class LauncherUnderTest implements AutoCloseable {
    static final Path LAUNCHER_JAR = Path.of("target", "launcher.jar");
    static final Path OSQUERYD_LITE_JAR = Path.of("..", "osqueryd-lite", "target", "osqueryd-lite.jar");

    private final Path dir;
    private final String name;
    private final List<String> flags;
    private Process process;
    private int starts;

    /**
     * @param transport grpc or jsonrpc
     * @param hostUuid what osqueryd-lite reports as system_info.uuid (its host identifier)
     */
    LauncherUnderTest(Path dir, String name, String hostPort, Path ca, String secret, String transport,
            String hostUuid) throws Exception {
        this.dir = dir;
        this.name = name;
        Files.createDirectories(dir);
        Path osqueryd = dir.resolve("osqueryd");
        Files.writeString(osqueryd, "#!/bin/sh\nexec \"" + JarProcess.java() + "\" -Xss512k -XX:TieredStopAtLevel=1 -jar \""
                + OSQUERYD_LITE_JAR.toAbsolutePath() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(osqueryd, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.flags = new ArrayList<>(List.of("--hostname", hostPort, "--root_pem", ca.toString(),
                "--enroll_secret", secret, "--transport", transport, "--osqueryd_path", osqueryd.toString(),
                "--root_directory", root().toString(), "--logging_interval", "1s", "--debug",
                "--osquery_flag", "lite_host_uuid=" + hostUuid,
                // fleet's "accelerate" does not reach launcher hosts (the proto has no such field)
                "--osquery_flag", "config_refresh=2",
                "--osquery_flag", "distributed_interval=1"));
    }

    /** Adds flags for the next start. */
    LauncherUnderTest with(String... more) {
        flags.addAll(List.of(more));
        return this;
    }

    Path dir() {
        return dir;
    }

    Path root() {
        return dir.resolve("root");
    }

    Path log() {
        return dir.resolve(name + "-" + starts + ".log");
    }

    void start() throws Exception {
        starts++;
        process = JarProcess.start(LAUNCHER_JAR, flags, log(), dir);
    }

    /** SIGKILL: no shutdown hook runs, osqueryd is left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        JarProcess.stop(process);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Every log this launcher wrote, across its starts. */
    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            Path log = dir.resolve(name + "-" + i + ".log");
            if (Files.exists(log)) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
