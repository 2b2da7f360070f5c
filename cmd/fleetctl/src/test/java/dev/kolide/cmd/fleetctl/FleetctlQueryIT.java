package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetctl query --exit} against the packaged {@code fleet serve --dev} (built earlier in the reactor), with
 * a host speaking the osquery TLS API that answers the live query at its distributed reads.
 */
@Tag("packaged")
@Timeout(180)
class FleetctlQueryIT {
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");
    private static final Path FLEET_JAR = Path.of("..", "fleet", "target", "fleet.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process fleet;
    private final AtomicBoolean hostRunning = new AtomicBoolean(true);

    @AfterEach
    void stop() throws InterruptedException {
        hostRunning.set(false);
        if (fleet != null) {
            fleet.destroy();
            fleet.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process java(List<String> args, Path out, Path err) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        builder.environment().put("HOME", dir.resolve("home").toString());
        return builder.start();
    }

    private int fleetctl(Path out, Path err, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("target/fleetctl.jar"));
        all.addAll(List.of(args));
        Process process = java(all, out, err);
        process.getOutputStream().close();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static JsonNode post(HttpClient client, String url, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Test
    void queryPrintsTheHostsRowsAndExitsOnceEveryOnlineHostAnswered() throws Exception {
        assertThat(FLEET_JAR).as("cmd/fleet is packaged before cmd/fleetctl in the reactor").isRegularFile();
        Path data = dir.resolve("data");
        Path log = dir.resolve("fleet.log");
        fleet = java(List.of(FLEET_JAR.toString(), "serve", "--dev", "--dev_data_dir", data.toString(),
                "--server_address", "127.0.0.1:0",
                "--osquery_status_log_file", dir.resolve("status.log").toString(),
                "--osquery_result_log_file", dir.resolve("result.log").toString()), log, dir.resolve("fleet.err"));
        int port = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (port == 0 && System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(dir.resolve("fleet.err")) + Files.readString(log));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else {
                assertThat(fleet.isAlive()).as("fleet running").isTrue();
                Thread.sleep(100);
            }
        }
        assertThat(port).isPositive();
        String base = "https://localhost:" + port;
        Path ca = data.resolve("tls").resolve("ca.pem");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");

        assertThat(fleetctl(out, err, "config", "set", "--address", base, "--rootca", ca.toString())).isZero();
        assertThat(fleetctl(out, err, "setup", "--email", "admin@example.com", "--password", "p4ssw0rd!",
                "--org-name", "Acme")).as(Files.readString(err)).isZero();
        Path secret = Files.writeString(dir.resolve("secret.yml"), """
                apiVersion: v1
                kind: enroll_secret
                spec:
                  secrets:
                    - name: default
                      secret: it-secret
                      active: true
                """);
        assertThat(fleetctl(out, err, "apply", "-f", secret.toString())).as(Files.readString(err)).isZero();

        HttpClient client = HttpClientTls.configure(HttpClient.newBuilder(), ClientTrust.rootsFromPem(ca),
                TlsProfile.MODERN).build();
        String nodeKey = post(client, base + "/api/v1/osquery/enroll", """
                {"enroll_secret":"it-secret","host_identifier":"uuid-it-1",
                 "host_details":{"system_info":{"hostname":"it-host-1"},"os_version":{"platform":"ubuntu"}}}""")
                .path("node_key").asText();
        Thread host = new Thread(() -> answerLiveQueries(client, base, nodeKey), "simulated-host");
        host.setDaemon(true);
        host.start();

        int code = fleetctl(out, err, "query", "--hosts", "it-host-1", "--query", "select 42 as answer", "--exit",
                "--timeout", "60s");

        assertThat(code).as(Files.readString(err)).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode result = JSON.readTree(lines.get(0));
        assertThat(result.path("host").asText()).isEqualTo("it-host-1");
        assertThat(result.path("rows").get(0).path("answer").asText()).isEqualTo("42");
        assertThat(Files.readString(err)).contains("1/1 online hosts responded");
    }

    /** The host's distributed loop: every 500 ms read, and answer each live query with one row. */
    private void answerLiveQueries(HttpClient client, String base, String nodeKey) {
        while (hostRunning.get()) {
            try {
                JsonNode queries = post(client, base + "/api/v1/osquery/distributed/read",
                        "{\"node_key\":\"" + nodeKey + "\"}").path("queries");
                for (Iterator<String> names = queries.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (name.startsWith("kolide_distributed_query_")) {
                        post(client, base + "/api/v1/osquery/distributed/write", """
                                {"node_key":"%s","queries":{"%s":[{"answer":"42"}]},"statuses":{"%s":0}}"""
                                .formatted(nodeKey, name, name));
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // fleet stopping at the end of the test; the loop ends with hostRunning
            }
        }
    }
}
