package dev.kolide.fleet.transport.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import dev.kolide.fleet.transport.http.RawHttps;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's JSON-RPC transport over real HTTPS with HTTP/1.1 (as launcher's Go client speaks it), the real
 * osquery service and the H2 (or MariaDB) datastore: every method in launcher's shapes, node_invalid, and a
 * table of bad requests answered as JSON-RPC errors without stack traces.
 */
@Timeout(120)
class LauncherJsonRpcApiTest extends OsqueryDatabaseTestBase {
    private static final String UUID = "4C4C4544-0042-3010-8052-B4C04F4E4E32";

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private TestHttpServer server;
    private int nextId;

    @BeforeEach
    void startServer() {
        healthy.set(true);
        server = TestHttpServer.builder()
                .setup(setup -> JsonRpcRoutes.register(setup.routes().group("", ErrorStyle.USER_API),
                        new LauncherApi(service, healthy::get, json), setup.codec().objectMapper()))
                .start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpResponse<String> post(String body) {
        return server.send(server.http11Client(), server.request("/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Calls {@code method} as go-kit's client does and returns the whole response envelope. */
    private JsonNode call(String method, JsonNode params) {
        ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        request.set("params", params);
        request.put("id", ++nextId);
        HttpResponse<String> response = post(request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = parse(response.body());
        assertThat(envelope.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(envelope.path("id").asInt()).isEqualTo(nextId);
        return envelope;
    }

    private JsonNode result(String method, JsonNode params) {
        JsonNode envelope = call(method, params);
        assertThat(envelope.has("error")).as(envelope.toString()).isFalse();
        return envelope.get("result");
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("parsing " + body, e);
        }
    }

    private ObjectNode key(String nodeKey) {
        return json.createObjectNode().put("node_key", nodeKey);
    }

    private ObjectNode enrollParams(String secret, String hostname) {
        ObjectNode params = json.createObjectNode().put("enroll_secret", secret).put("host_identifier", UUID);
        params.putObject("EnrollmentDetails").put("os_version", "14.4.1").put("os_build_id", "23E224")
                .put("os_platform", "darwin").put("hostname", hostname).put("hardware_vendor", "Apple Inc.")
                .put("hardware_model", "MacBookPro18,3").put("hardware_serial", "C02XG0FDH7JY")
                .put("osquery_version", "5.12.1").put("launcher_version", "1.6.0").put("os_name", "macOS")
                .put("os_platform_like", "darwin").put("goos", "darwin").put("goarch", "arm64");
        return params;
    }

    private String enrollOverJsonRpc(String hostname) {
        JsonNode result = result("RequestEnrollment", enrollParams(SECRET, hostname));
        assertThat(result.path("node_invalid").asBoolean()).isFalse();
        assertThat(result.path("error_code").asText()).isEmpty();
        return result.path("node_key").asText();
    }

    @Test
    void aLauncherLivesItsWholeLifeOverJsonRpc() {
        // enroll: the details land on the host
        String nodeKey = enrollOverJsonRpc("mac-01.example.com");
        Host host = ds.hosts().findByNodeKey(nodeKey).orElseThrow();
        assertThat(host.inventory().hostname()).isEqualTo("mac-01.example.com");
        assertThat(host.inventory().osVersion()).isEqualTo("macOS 14.4.1");
        assertThat(host.inventory().build()).isEqualTo("23E224");
        assertThat(host.inventory().platform()).isEqualTo("darwin");
        assertThat(host.inventory().osqueryVersion()).isEqualTo("5.12.1");
        assertThat(host.inventory().hardwareSerial()).isEqualTo("C02XG0FDH7JY");

        // config: a JSON string, without the plugins the launcher provides itself
        JsonNode config = result("RequestConfig", key(nodeKey));
        assertThat(config.path("node_invalid").asBoolean()).isFalse();
        assertThat(config.has("error_code")).isFalse();
        JsonNode options = parse(config.path("config").asText()).path("options");
        assertThat(options.has("logger_plugin")).isFalse();
        assertThat(options.has("distributed_plugin")).isFalse();
        assertThat(options.path("logger_tls_period").asInt()).isEqualTo(10);

        // queries: osquery-go's GetQueriesResult under "Queries"
        JsonNode queries = result("RequestQueries", key(nodeKey));
        assertThat(queries.path("node_invalid").asBoolean()).isFalse();
        JsonNode names = queries.path("Queries").path("queries");
        assertThat(names.path("kolide_detail_query_system_info").asText()).isEqualTo("select * from system_info limit 1");
        Label macOs = ds.labels().findByName("macOS").orElseThrow();
        assertThat(names.has("kolide_label_query_" + macOs.id())).isTrue();

        // results: the label matches
        ObjectNode write = key(nodeKey);
        ArrayNode results = write.putArray("Results");
        ObjectNode label = results.addObject().put("query_name", "kolide_label_query_" + macOs.id()).put("status", 0);
        label.putArray("rows").addObject().put("1", "1");
        ObjectNode uptime = results.addObject().put("query_name", "kolide_detail_query_uptime").put("status", 0);
        OsqueryRows.uptime().forEach(uptime.putArray("rows").addObject()::put);
        clock.advance(Duration.ofSeconds(1));
        JsonNode published = result("PublishResults", write);
        assertThat(published.path("node_invalid").asBoolean()).isFalse();
        assertThat(published.path("message").asText()).isEmpty();
        assertThat(ds.labels().listForHost(host.id())).extracting(Label::name).contains("macOS");
        assertThat(ds.hosts().find(host.id()).orElseThrow().inventory().uptime()).isEqualTo(Duration.ofSeconds(273906));

        // logs: status (4) and snapshot (1) reach their destinations
        String status = "{\"severity\":\"0\",\"message\":\"started\"}";
        String snapshot = "{\"name\":\"pack/p/q\",\"action\":\"snapshot\",\"snapshot\":[]}";
        ObjectNode statusLogs = key(nodeKey).put("LogType", 4);
        statusLogs.putArray("Logs").add(status);
        ObjectNode resultLogs = key(nodeKey).put("LogType", 1);
        resultLogs.putArray("Logs").add(snapshot);
        assertThat(result("PublishLogs", statusLogs).path("node_invalid").asBoolean()).isFalse();
        assertThat(result("PublishLogs", resultLogs).path("node_invalid").asBoolean()).isFalse();
        assertThat(lines(statusLogFile())).containsExactly(status);
        assertThat(lines(resultLogFile())).containsExactly(snapshot);

        // health
        assertThat(result("CheckHealth", json.createObjectNode())).isEqualTo(json.createObjectNode().put("status", 1));
        healthy.set(false);
        assertThat(result("CheckHealth", null).path("status").asInt()).isEqualTo(2);
    }

    @Test
    void aHostWithoutDetailsIsAskedToCheckInFaster() {
        ObjectNode params = json.createObjectNode().put("enroll_secret", SECRET).put("host_identifier", UUID);
        String nodeKey = result("RequestEnrollment", params).path("node_key").asText();

        JsonNode queries = result("RequestQueries", key(nodeKey)).path("Queries");

        assertThat(queries.path("accelerate").asInt()).isEqualTo(10);
    }

    @Test
    void refusedSecretsAndKeysAreNodeInvalidResults() {
        JsonNode enrollment = result("RequestEnrollment", enrollParams("wrong", "mac-01.example.com"));
        assertThat(enrollment.path("node_invalid").asBoolean()).isTrue();
        assertThat(enrollment.path("node_key").asText()).isEmpty();

        assertThat(result("RequestConfig", key("nope")).path("node_invalid").asBoolean()).isTrue();
        assertThat(result("RequestQueries", key("nope")).path("node_invalid").asBoolean()).isTrue();
        assertThat(result("PublishLogs", key("nope").put("LogType", 4)).path("node_invalid").asBoolean()).isTrue();
        assertThat(result("PublishResults", key("")).path("node_invalid").asBoolean()).isTrue();
    }

    @Test
    void fieldNamesMatchIgnoringCaseAsGoDoes() {
        ObjectNode params = json.createObjectNode().put("Enroll_Secret", SECRET).put("HOST_IDENTIFIER", UUID);
        params.putObject("enrollmentdetails").put("Hostname", "mac-02.example.com");

        String nodeKey = result("RequestEnrollment", params).path("node_key").asText();

        assertThat(ds.hosts().findByNodeKey(nodeKey).orElseThrow().inventory().hostname())
                .isEqualTo("mac-02.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                 | {"jsonrpc":"2.0","method":                                            | -32700
            empty body               |                                                                       | -32700
            a batch                  | [{"jsonrpc":"2.0","method":"CheckHealth","id":1}]                     | -32600
            a string                 | "CheckHealth"                                                         | -32600
            no method                | {"jsonrpc":"2.0","params":{},"id":1}                                  | -32600
            unknown method           | {"jsonrpc":"2.0","method":"GetTargets","params":{},"id":1}            | -32601
            params not an object     | {"jsonrpc":"2.0","method":"RequestConfig","params":["k"],"id":1}      | -32602
            node_key not a string    | {"jsonrpc":"2.0","method":"RequestConfig","params":{"node_key":5},"id":1} | -32602
            unknown LogType          | {"jsonrpc":"2.0","method":"PublishLogs","params":{"LogType":9},"id":1} | -32602
            LogType as text          | {"jsonrpc":"2.0","method":"PublishLogs","params":{"LogType":"4"},"id":1} | -32602
            a log not a string       | {"jsonrpc":"2.0","method":"PublishLogs","params":{"LogType":4,"Logs":[{}]},"id":1} | -32602
            status as text           | {"jsonrpc":"2.0","method":"PublishResults","params":{"Results":[{"query_name":"q","status":"0"}]},"id":1} | -32602
            a column not a string    | {"jsonrpc":"2.0","method":"PublishResults","params":{"Results":[{"query_name":"q","rows":[{"a":1}]}]},"id":1} | -32602
            no host identifier       | {"jsonrpc":"2.0","method":"RequestEnrollment","params":{"enroll_secret":"x"},"id":1} | -32602
            """)
    void badRequestsAreJsonRpcErrorsWithoutStackTraces(String what, String body, int code) {
        HttpResponse<String> response = post(body == null ? "" : body);

        // go-kit's server answers its errors with HTTP 200, and so does fleet.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode envelope = parse(response.body());
        assertThat(envelope.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(envelope.has("result")).isFalse();
        assertThat(envelope.path("error").path("code").asInt()).as(response.body()).isEqualTo(code);
        String message = envelope.path("error").path("message").asText();
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ").hasSizeLessThan(300);
        assertThat(lines(statusLogFile())).isEmpty();
    }

    @Test
    void errorsEchoTheRequestId() {
        JsonNode envelope = parse(post("{\"jsonrpc\":\"2.0\",\"method\":\"Nope\",\"id\":\"abc-1\"}").body());

        assertThat(envelope.path("id").asText()).isEqualTo("abc-1");
        assertThat(envelope.path("error").path("message").asText()).isEqualTo("Method Nope was not found.");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        String huge = "{\"jsonrpc\":\"2.0\",\"method\":\"PublishLogs\",\"params\":{\"Logs\":[\""
                + "x".repeat((int) JsonRpcRoutes.BODY_LIMIT.bytes()) + "\"]},\"id\":1}";

        byte[] bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        // On a raw connection: the server may answer 413 from Content-Length, which java.net.http does not wait for.
        RawHttps.RawResponse response = RawHttps.exchange(server, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close",
                bytes);

        assertThat(response.status()).isEqualTo(413);
    }
}
