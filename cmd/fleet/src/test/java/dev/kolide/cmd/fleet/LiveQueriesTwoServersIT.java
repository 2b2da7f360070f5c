package dev.kolide.cmd.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live queries across two real {@code fleet serve} processes of the packaged jar, on one fresh MariaDB database
 * and one Redis (a key prefix of this test's own), over HTTPS: a simulated osquery 5 host checks in on server A,
 * a person runs the query and watches the results socket on server B. MariaDB and Redis on 127.0.0.1; when
 * either is unreachable the test is skipped, or fails when CI is set.
 */
@Timeout(180)
class LiveQueriesTwoServersIT {
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String JWT_KEY = "an-it-key-of-at-least-32-bytes-long!!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST_UUID = "7d2b8e0a-1111-2222-3333-444455556666";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private String database;
    private String prefix;
    private HttpClient client;

    @BeforeEach
    void prepare() throws Exception {
        requireRedis();
        database = "fleet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        createDatabase(database);
        prefix = "fleet-it-" + UUID.randomUUID() + ":";
        Process prepare = start(List.of("prepare", "db", "--no-prompt", "--mysql_address", "127.0.0.1:3306",
                "--mysql_username", "root", "--mysql_password", "", "--mysql_database", database),
                dir.resolve("prepare.log"));
        assertThat(prepare.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(prepare.exitValue()).as(Files.readString(dir.resolve("prepare.log"))).isZero();
        Path tls = dir.resolve("tls");
        DevTls.keyMaterial(tls, Clock.systemUTC(), new SecureRandom());
        client = HttpClientTls.configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
                ClientTrust.rootsFromPem(tls.resolve(DevCertificates.CA_FILE)), TlsProfile.MODERN).build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : processes) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(MARIADB, "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
        if (prefix != null) {
            RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                List<String> keys = connection.sync().keys(prefix + "*");
                if (!keys.isEmpty()) {
                    connection.sync().del(keys.toArray(String[]::new));
                }
            } finally {
                redis.shutdown();
            }
        }
    }

    private String serve(String name, String redisAddress, String... extra) throws Exception {
        Path tls = dir.resolve("tls");
        List<String> args = new ArrayList<>(List.of("serve", "--server_address", "127.0.0.1:0",
                "--server_cert", tls.resolve(DevCertificates.SERVER_CERTIFICATE_FILE).toString(),
                "--server_key", tls.resolve(DevCertificates.SERVER_KEY_FILE).toString(),
                "--auth_jwt_key", JWT_KEY, "--auth_bcrypt_cost", "4",
                "--mysql_address", "127.0.0.1:3306", "--mysql_username", "root", "--mysql_password", "",
                "--mysql_database", database, "--redis_address", redisAddress, "--redis_key_prefix", prefix,
                "--osquery_status_log_file", dir.resolve(name + "-status.log").toString(),
                "--osquery_result_log_file", dir.resolve(name + "-result.log").toString()));
        args.addAll(List.of(extra));
        Path log = dir.resolve(name + ".log");
        Process process = start(args, log);
        processes.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) {
                return "https://localhost:" + m.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("fleet " + name + " exited:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet " + name + " not serving within 60 s:\n" + Files.readString(log));
    }

    private Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/fleet.jar"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        return builder.start();
    }

    private record Reply(int status, JsonNode body) {}

    private Reply post(String url, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", "osquery/5.10.2")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode()
                : JSON.readTree(response.body()));
    }

    private Reply get(String url, String token) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private String setUp(String base) throws Exception {
        Reply setup = post(base + "/api/v1/setup", """
                {"admin":{"username":"admin","name":"Admin","email":"admin@example.com","password":"p4ssw0rd!",
                 "admin":true},"org_info":{"org_name":"Acme"},"kolide_server_url":"%s",
                 "osquery_enroll_secret":"it-secret"}""".formatted(base), null);
        assertThat(setup.status()).as(setup.body().toString()).isEqualTo(200);
        return setup.body().path("token").asText();
    }

    /** Enrolls as osquery 5 does, and answers the first read's detail queries with the host's hostname. */
    private String enrollHost(String base) throws Exception {
        Reply enrolled = post(base + "/api/v1/osquery/enroll", """
                {"enroll_secret":"it-secret","host_identifier":"%s","platform_type":"9",
                 "host_details":{"system_info":{"hostname":"web-01","uuid":"%s"},
                  "os_version":{"platform":"ubuntu","name":"Ubuntu","version":"22.04"},
                  "osquery_info":{"version":"5.10.2"}}}""".formatted(HOST_UUID, HOST_UUID), null);
        assertThat(enrolled.status()).as(enrolled.body().toString()).isEqualTo(200);
        return enrolled.body().path("node_key").asText();
    }

    private JsonNode read(String base, String nodeKey) throws Exception {
        Reply read = post(base + "/api/v1/osquery/distributed/read", "{\"node_key\":\"" + nodeKey + "\"}", null);
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        return read.body().path("queries");
    }

    @Test
    void aHostCheckingInOnServerAAnswersALiveQueryWatchedOnServerB() throws Exception {
        String a = serve("a", "127.0.0.1:6379", "--osquery_log_live_query_results");
        String b = serve("b", "127.0.0.1:6379");
        String token = setUp(a);
        String nodeKey = enrollHost(a);
        read(a, nodeKey);
        Reply hosts = get(b + "/api/v1/kolide/hosts", token);
        long hostId = hosts.body().path("hosts").get(0).path("id").asLong();

        Reply run = post(b + "/api/v1/kolide/queries/run", """
                {"query":"select pid from processes limit 1","selected":{"hosts":[%d],"labels":[]}}"""
                .formatted(hostId), token);
        assertThat(run.status()).as(run.body().toString()).isEqualTo(200);
        long campaignId = run.body().path("campaign").path("id").asLong();
        assertThat(run.body().path("campaign").path("Metrics").path("count").asLong()).isEqualTo(1);

        Socket socket = new Socket();
        WebSocket webSocket = client.newWebSocketBuilder().buildAsync(
                URI.create(b.replaceFirst("^https", "wss") + "/api/v1/kolide/results/websocket"), socket)
                .get(10, TimeUnit.SECONDS);
        webSocket.sendText("{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}", true).get();
        webSocket.sendText("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + campaignId + "}}", true)
                .get();
        socket.next("totals");

        String name = "kolide_distributed_query_" + campaignId;
        JsonNode queries = read(a, nodeKey);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!queries.has(name) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            queries = read(a, nodeKey);
        }
        assertThat(queries.path(name).asText()).isEqualTo("select pid from processes limit 1");
        Reply write = post(a + "/api/v1/osquery/distributed/write", """
                {"node_key":"%s","queries":{"%s":[{"pid":"4242"}]},"statuses":{"%s":0}}"""
                .formatted(nodeKey, name, name), null);
        assertThat(write.status()).as(write.body().toString()).isEqualTo(200);

        JsonNode result = socket.next("result").path("data");
        assertThat(result.path("distributed_query_execution_id").asLong()).isEqualTo(campaignId);
        assertThat(result.path("host").path("id").asLong()).isEqualTo(hostId);
        assertThat(result.path("rows").get(0).path("pid").asText()).isEqualTo("4242");
        assertThat(result.path("error").isNull()).isTrue();
        assertThat(read(a, nodeKey).has(name)).as("a host is not asked twice").isFalse();
        assertThat(read(b, nodeKey).has(name)).as("nor by the other server").isFalse();
        assertThat(Files.readString(dir.resolve("a-result.log")))
                .contains("\"name\":\"distributed_admin_").contains("\"columns\":{\"pid\":\"4242\"}");
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void withRedisDownLiveQueriesAnswer503WhileHostsKeepCheckingIn() throws Exception {
        String base = serve("down", "127.0.0.1:1");
        String token = setUp(base);

        String nodeKey = enrollHost(base);
        read(base, nodeKey);
        Reply config = post(base + "/api/v1/osquery/config", "{\"node_key\":\"" + nodeKey + "\"}", null);
        assertThat(config.status()).isEqualTo(200);
        Reply logs = post(base + "/api/v1/osquery/log", """
                {"node_key":"%s","log_type":"status","data":[{"severity":"0","message":"hi"}]}"""
                .formatted(nodeKey), null);
        assertThat(logs.status()).isEqualTo(200);

        long started = System.nanoTime();
        Reply run = post(base + "/api/v1/kolide/queries/run",
                "{\"query\":\"select 1\",\"selected\":{\"hosts\":[1],\"labels\":[]}}", token);
        assertThat(run.status()).isEqualTo(503);
        assertThat(run.body().path("message").asText()).contains("live queries are unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    /** Collects the socket's messages. */
    private static final class Socket implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String text = messages.poll(100, TimeUnit.MILLISECONDS);
                if (text != null && JSON.readTree(text).path("type").asText().equals(type)) {
                    return JSON.readTree(text);
                }
            }
            throw new AssertionError("no " + type + " message within 20 s");
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private static void requireRedis() {
        RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().ping();
        } catch (RedisException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("Redis at 127.0.0.1:6379 is needed in CI: " + e.getMessage(), e);
            }
            Assumptions.abort("Redis at 127.0.0.1:6379 is not reachable: " + e.getMessage());
        } finally {
            redis.shutdown();
        }
    }

    private static void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("MariaDB at 127.0.0.1:3306 is needed in CI: " + e.getMessage(), e);
            }
            Assumptions.abort("MariaDB at 127.0.0.1:3306 is not reachable: " + e.getMessage());
        }
    }
}
