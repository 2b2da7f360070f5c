package dev.kolide.cmd.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's life through the packaged {@code fleet serve --dev}, the way osquery with Kolide's recommended flagfile
 * talks to it (the same JSON, over HTTPS with the dev CA), while a person watches it through the REST API.
 * osquery itself cannot be installed here; the request bodies below are osquery 5's.
 */
class FleetEndToEndIT {
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process fleet;
    private HttpClient client;
    private String base;
    private Path resultLog;
    private Path statusLog;

    @BeforeEach
    void startFleet() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("fleet.log");
        resultLog = dir.resolve("osquery_result.log");
        statusLog = dir.resolve("osquery_status.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/fleet.jar",
                "serve", "--dev", "--dev_data_dir", data.toString(), "--server_address", "127.0.0.1:0",
                "--osquery_status_log_file", statusLog.toString(), "--osquery_result_log_file", resultLog.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        fleet = builder.start();
        int port = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (port == 0 && System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            } else if (!fleet.isAlive()) {
                throw new AssertionError("fleet exited:\n" + Files.readString(log));
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(port).as("fleet serving").isPositive();
        base = "https://localhost:" + port;
        client = HttpClientTls.configure(HttpClient.newBuilder(),
                ClientTrust.rootsFromPem(data.resolve("tls").resolve("ca.pem")), TlsProfile.MODERN).build();
    }

    @AfterEach
    void stopFleet() throws InterruptedException {
        fleet.destroy();
        assertThat(fleet.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fleet.exitValue()).isZero();
    }

    private record Reply(int status, JsonNode body) {}

    private Reply post(String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("User-Agent", "osquery/5.10.2")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Reply postGzip(String path, String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build());
    }

    private Reply get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private Reply delete(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).DELETE().build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
    }

    private static final String HOST_DETAILS = """
            {"os_version":{"name":"Ubuntu","platform":"ubuntu","platform_like":"debian","major":"22","minor":"04",
              "patch":"0","build":"","codename":"jammy","version":"22.04.3 LTS (Jammy Jellyfish)"},
             "osquery_info":{"version":"5.10.2","build_platform":"ubuntu","uuid":"7d2b8e0a-1111-2222-3333-444455556666"},
             "system_info":{"hostname":"web-01.example.com","uuid":"7d2b8e0a-1111-2222-3333-444455556666",
              "cpu_brand":"Intel(R) Xeon(R) CPU","cpu_physical_cores":"2","cpu_logical_cores":"4",
              "physical_memory":"8589934592","hardware_vendor":"QEMU","hardware_model":"Standard PC","computer_name":"web-01"},
             "platform_info":{"vendor":"SeaBIOS"}}""";

    private String enroll() throws Exception {
        Reply enrolled = post("/api/v1/osquery/enroll", """
                {"enroll_secret":"e2e-secret","host_identifier":"7d2b8e0a-1111-2222-3333-444455556666",
                 "platform_type":"9","host_details":%s}""".formatted(HOST_DETAILS), null);
        assertThat(enrolled.status()).isEqualTo(200);
        String nodeKey = enrolled.body().path("node_key").asText();
        assertThat(nodeKey).isNotBlank();
        return nodeKey;
    }

    @Test
    void aHostEnrollsChecksInAnswersDetailQueriesLogsAndIsRefusedOnceDeleted() throws Exception {
        Reply setup = post("/api/v1/setup", """
                {"admin":{"username":"admin","name":"Admin","email":"admin@example.com","password":"p4ssw0rd!",
                 "admin":true},"org_info":{"org_name":"Acme"},"kolide_server_url":"%s",
                 "osquery_enroll_secret":"e2e-secret"}""".formatted(base), null);
        assertThat(setup.status()).isEqualTo(200);
        String token = setup.body().path("token").asText();

        String nodeKey = enroll();

        Reply config = post("/api/v1/osquery/config", "{\"node_key\":\"" + nodeKey + "\"}", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body().path("options").path("distributed_plugin").asText()).isEqualTo("tls");
        assertThat(config.body().path("decorators").path("load")).isNotEmpty();

        Reply read = post("/api/v1/osquery/distributed/read", "{\"node_key\":\"" + nodeKey + "\"}", null);
        assertThat(read.status()).isEqualTo(200);
        JsonNode queries = read.body().path("queries");
        assertThat(queries.path("kolide_detail_query_system_info").asText())
                .isEqualTo("select * from system_info limit 1");
        assertThat(queries.path("kolide_detail_query_network_interface").asText()).startsWith(
                "select address, mac from interface_details id join interface_addresses ia");

        Reply write = post("/api/v1/osquery/distributed/write", """
                {"node_key":"%s",
                 "queries":{
                  "kolide_detail_query_network_interface":[
                    {"address":"127.0.0.1","mac":"00:00:00:00:00:00"},
                    {"address":"fe80::5054:ff:fe12:3456","mac":"52:54:00:12:34:56"},
                    {"address":"10.1.2.3","mac":"52:54:00:12:34:56"}],
                  "kolide_detail_query_os_version":[{"name":"Ubuntu","major":"22","minor":"04","patch":"0",
                    "build":"","platform":"ubuntu","platform_like":"debian","codename":"jammy"}],
                  "kolide_detail_query_osquery_flags":[{"name":"config_refresh","value":"10"},
                    {"name":"distributed_interval","value":"10"},{"name":"logger_tls_period","value":"10"}],
                  "kolide_detail_query_osquery_info":[{"version":"5.10.2"}],
                  "kolide_detail_query_system_info":[{"hostname":"web-01.example.com",
                    "uuid":"7d2b8e0a-1111-2222-3333-444455556666","cpu_type":"x86_64","cpu_subtype":"6",
                    "cpu_brand":"Intel(R) Xeon(R) CPU","cpu_physical_cores":"2","cpu_logical_cores":"4",
                    "physical_memory":"8589934592","hardware_vendor":"QEMU","hardware_model":"Standard PC",
                    "hardware_version":"pc-q35","hardware_serial":"SN-42","computer_name":"web-01"}],
                  "kolide_detail_query_uptime":[{"days":"1","hours":"2","minutes":"3","seconds":"4",
                    "total_seconds":"93784"}]},
                 "statuses":{"kolide_detail_query_network_interface":0,"kolide_detail_query_os_version":"0",
                  "kolide_detail_query_osquery_flags":0,"kolide_detail_query_osquery_info":0,
                  "kolide_detail_query_system_info":0,"kolide_detail_query_uptime":0},
                 "messages":{}}""".formatted(nodeKey), null);
        assertThat(write.status()).isEqualTo(200);

        Reply hosts = get("/api/v1/kolide/hosts", token);
        assertThat(hosts.status()).isEqualTo(200);
        JsonNode host = hosts.body().path("hosts").get(0);
        assertThat(host.path("hostname").asText()).isEqualTo("web-01.example.com");
        assertThat(host.path("primary_ip").asText()).isEqualTo("10.1.2.3");
        assertThat(host.path("primary_mac").asText()).isEqualTo("52:54:00:12:34:56");
        assertThat(host.path("os_version").asText()).isEqualTo("Ubuntu 22.04.0");
        assertThat(host.path("hardware_serial").asText()).isEqualTo("SN-42");
        assertThat(host.path("cpu_logical_cores").asInt()).isEqualTo(4);
        assertThat(host.path("status").asText()).isEqualTo("online");
        assertThat(host.has("node_key")).isFalse();
        long hostId = host.path("id").asLong();

        Reply logs = postGzip("/api/v1/osquery/log", """
                {"node_key":"%s","log_type":"result","data":[{"name":"pack/it/uptime","hostIdentifier":"web-01",
                 "calendarTime":"Fri Nov 27 03:00:00 2026 UTC","unixTime":1795748400,"epoch":0,"counter":0,
                 "numerics":false,"decorations":{"host_uuid":"7d2b8e0a"},"columns":{"total_seconds":"93784"},
                 "action":"added"}]}""".formatted(nodeKey));
        assertThat(logs.status()).isEqualTo(200);
        Reply status = post("/api/v1/osquery/log", """
                {"node_key":"%s","log_type":"status","data":[{"severity":"0","filename":"x.cpp","line":"1",
                 "message":"osquery started","version":"5.10.2"}]}""".formatted(nodeKey), null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(Files.readString(resultLog)).contains("\"name\":\"pack/it/uptime\"");
        assertThat(Files.readString(statusLog)).contains("osquery started");

        assertThat(delete("/api/v1/kolide/hosts/" + hostId, token).status()).isEqualTo(200);
        Reply refused = post("/api/v1/osquery/distributed/read", "{\"node_key\":\"" + nodeKey + "\"}", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("node_invalid").asBoolean()).isTrue();

        String newKey = enroll();
        assertThat(newKey).isNotEqualTo(nodeKey);
        assertThat(post("/api/v1/osquery/config", "{\"node_key\":\"" + newKey + "\"}", null).status())
                .isEqualTo(200);
    }

    @Test
    void observersReadHostsButCannotDeleteThem() throws Exception {
        String admin = post("/api/v1/setup", """
                {"admin":{"username":"admin","name":"Admin","email":"admin@example.com","password":"p4ssw0rd!",
                 "admin":true},"org_info":{"org_name":"Acme"},"kolide_server_url":"%s",
                 "osquery_enroll_secret":"e2e-secret"}""".formatted(base), null).body().path("token").asText();
        assertThat(post("/api/v1/kolide/users", """
                {"username":"watcher","name":"Watcher","email":"watcher@example.com","password":"w4tcher!",
                 "admin":false}""", admin).status()).isEqualTo(200);
        String observer = post("/api/v1/kolide/login", "{\"username\":\"watcher\",\"password\":\"w4tcher!\"}", null)
                .body().path("token").asText();
        enroll();
        long hostId = get("/api/v1/kolide/hosts", observer).body().path("hosts").get(0).path("id").asLong();

        Reply forbidden = delete("/api/v1/kolide/hosts/" + hostId, observer);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().path("message").asText()).isNotBlank();
        assertThat(get("/api/v1/kolide/hosts/" + hostId, observer).status()).isEqualTo(200);
    }
}
