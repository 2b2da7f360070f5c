package dev.kolide.updater.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real notary-server (Debian's package, from PATH) with in-memory storage and the local trust service on
 * 127.0.0.1, plain HTTP, plus the notary CLI with its own trust dir and throw-away passphrases: the set-up of
 * /work/shared/testdata/notary/generate.sh's "local" mode, per test run.
 */
public final class NotaryUnderTest {
    public static final String GUN = "kolide/osqueryd";

    /** Throw-away passphrases for the CLI's key store (test only). */
    private static final Map<String, String> PASSPHRASES = Map.of(
            "NOTARY_ROOT_PASSPHRASE", "test-root-passphrase",
            "NOTARY_TARGETS_PASSPHRASE", "test-targets-passphrase",
            "NOTARY_SNAPSHOT_PASSPHRASE", "test-snapshot-passphrase",
            "NOTARY_DELEGATION_PASSPHRASE", "test-delegation-passphrase");

    private final Path dir;
    private final int port;
    private final Process server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NotaryUnderTest(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Whether notary-server and notary are on PATH. */
    public static boolean installed() {
        return onPath("notary-server") && onPath("notary");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, tool))) {
                return true;
            }
        }
        return false;
    }

    public static NotaryUnderTest start(Path dir) throws Exception {
        int port = freePort();
        Files.writeString(dir.resolve("server.json"), "{\"server\":{\"http_addr\":\"127.0.0.1:" + port + "\"},"
                + "\"trust_service\":{\"type\":\"local\"},\"storage\":{\"backend\":\"memory\"},"
                + "\"logging\":{\"level\":\"info\"}}");
        Files.writeString(dir.resolve("client.json"), "{\"trust_dir\":\"./trust\",\"remote_server\":{\"url\":"
                + "\"http://127.0.0.1:" + port + "\"}}");
        Process server = new ProcessBuilder("notary-server", "-config", "server.json").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("notary-server.log").toFile()).start();
        NotaryUnderTest notary = new NotaryUnderTest(dir, port, server);
        notary.awaitHealthy();
        return notary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("notary-server is running; log: %s", log()).isTrue();
            try {
                if (get("/_notary_server/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("notary-server not healthy in 30 s; log: " + log());
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What notary-server serves as the current root.json of the GUN. */
    public byte[] rootJson() throws Exception {
        HttpResponse<byte[]> response = get("/v2/" + GUN + "/_trust/tuf/root.json");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Runs {@code notary -c client.json ARGS} in the work dir, feeding {@code stdin}; it must succeed. */
    public String cli(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("notary", "-c", "client.json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(PASSPHRASES);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("notary %s finished", String.join(" ", args)).isTrue();
        assertThat(process.exitValue()).as("notary %s: %s", String.join(" ", args), output).isZero();
        return output;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("notary-server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops notary-server (SIGTERM, then SIGKILL if it lingers). */
    public void stop() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
