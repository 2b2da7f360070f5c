package dev.kolide.launcher.client.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.reqid.RequestIds;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.QueryResult;
import dev.kolide.launcher.service.ServiceUnavailableException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/** The exact JSON of each call and the reading of each reply, against a small HTTP server in the test. */
class JsonRpcKolideClientTest {

    private static final EnrollmentDetails DETAILS = new EnrollmentDetails("14.5", "23F79", "darwin", "mac-1",
            "Apple Inc.", "MacBookPro18,3", "C02XYZ", "5.12.1", "1.0.0", "macOS", "darwin", "UUID-1234", "darwin",
            "arm64");

    private final ObjectMapper json = new ObjectMapper();
    private JsonRpcTestServer server;
    private JsonRpcKolideClient client;
    private String host;

    @BeforeEach
    void start() throws Exception {
        server = JsonRpcTestServer.plaintext();
        host = "127.0.0.1:" + server.port();
        client = new JsonRpcKolideClient(ClientOptions.builder(host).insecureTransport(true).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> requests() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("zeta", "1");
        row.put("alpha", "2");
        return Stream.of(
                call("RequestEnrollment", c -> c.requestEnrollment("secret", "host-uuid", DETAILS),
                        "{\"enroll_secret\":\"secret\",\"host_identifier\":\"host-uuid\",\"EnrollmentDetails\":{"
                                + "\"os_version\":\"14.5\",\"os_build_id\":\"23F79\",\"os_platform\":\"darwin\","
                                + "\"hostname\":\"mac-1\",\"hardware_vendor\":\"Apple Inc.\","
                                + "\"hardware_model\":\"MacBookPro18,3\",\"hardware_serial\":\"C02XYZ\","
                                + "\"osquery_version\":\"5.12.1\",\"launcher_version\":\"1.0.0\","
                                + "\"os_name\":\"macOS\",\"os_platform_like\":\"darwin\",\"goos\":\"darwin\","
                                + "\"goarch\":\"arm64\"}}"),
                call("RequestConfig", c -> c.requestConfig("k1"), "{\"node_key\":\"k1\"}"),
                call("RequestQueries", c -> c.requestQueries("k1"), "{\"node_key\":\"k1\"}"),
                call("PublishLogs", c -> c.publishLogs("k1", LogKind.RESULT, List.of("a", "b")),
                        "{\"node_key\":\"k1\",\"LogType\":0,\"Logs\":[\"a\",\"b\"]}"),
                call("PublishLogs", c -> c.publishLogs("k1", LogKind.STATUS, List.of("s")),
                        "{\"node_key\":\"k1\",\"LogType\":4,\"Logs\":[\"s\"]}"),
                call("PublishLogs", c -> c.publishLogs("k1", LogKind.AGENT, List.of()),
                        "{\"node_key\":\"k1\",\"LogType\":2,\"Logs\":[]}"),
                call("PublishResults", c -> c.publishResults("k1", List.of(new QueryResult("q1", 0, List.of(row)),
                                new QueryResult("q2", 1, List.of()))),
                        "{\"node_key\":\"k1\",\"Results\":[{\"query_name\":\"q1\",\"status\":0,"
                                + "\"rows\":[{\"zeta\":\"1\",\"alpha\":\"2\"}]},"
                                + "{\"query_name\":\"q2\",\"status\":1,\"rows\":[]}]}"),
                call("CheckHealth", c -> c.checkHealth("k1"), "{\"node_key\":\"k1\"}"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("requests")
    void eachCallPostsItsExactJson(String method, Consumer<KolideService> call, String params) throws Exception {
        server.result("{\"node_key\":\"k\",\"status\":1}");

        call.accept(client);

        JsonRpcTestServer.Received received = server.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/");
        assertThat(received.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(json.readTree(received.body())).isEqualTo(json.readTree(
                "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":0}"));
        // Column order is part of the contract: osquery's order, as the map kept it.
        assertThat(received.body()).doesNotContain("\"alpha\":\"2\",\"zeta\"");
    }

    @Test
    void idsCountUp() throws Exception {
        client.requestConfig("k");
        client.requestConfig("k");

        assertThat(server.received).extracting(r -> readTree(r.body()).get("id").asInt()).containsExactly(0, 1);
    }

    @Test
    void enrollmentReturnsTheNodeKey() {
        server.result("{\"node_key\":\"the-key\",\"node_invalid\":false,\"error_code\":\"\",\"Err\":null}");

        assertThat(client.requestEnrollment("s", "h", DETAILS)).isEqualTo("the-key");
    }

    @Test
    void configReturnsTheConfig() {
        server.result("{\"config\":\"{\\\"options\\\":{}}\",\"node_invalid\":false}");

        assertThat(client.requestConfig("k")).isEqualTo("{\"options\":{}}");
    }

    @Test
    void queriesAreTheQueriesMapInReplyOrder() {
        server.result("{\"Queries\":{\"queries\":{\"q2\":\"select 2\",\"q1\":\"select 1\"},"
                + "\"discovery\":{\"q1\":\"select 1 where 1\"},\"accelerate\":60},"
                + "\"node_invalid\":false,\"error_code\":\"\",\"Err\":null}");

        assertThat(client.requestQueries("k"))
                .containsExactly(new DistributedQuery("q2", "select 2"), new DistributedQuery("q1", "select 1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}                                       | ",
        "{\"Queries\":{\"queries\":null}}         | ",
        "{\"queries\":{\"queries\":{\"a\":\"b\"}}} | a",
    })
    void queriesAreReadAsGoReadsThem(String result, String expectedName) {
        server.result(result);

        List<DistributedQuery> queries = client.requestQueries("k");

        if (expectedName == null) {
            assertThat(queries).isEmpty();
        } else {
            assertThat(queries).extracting(DistributedQuery::id).containsExactly(expectedName);
        }
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource({"0, false", "1, true", "2, false"})
    void healthIsStatusServing(int status, boolean serving) {
        server.result("{\"status\":" + status + ",\"Err\":null}");

        assertThat(client.checkHealth("k")).isEqualTo(serving);
    }

    static Stream<Arguments> everyCall() {
        return Stream.of(
                call("RequestEnrollment", c -> c.requestEnrollment("s", "h", DETAILS), ""),
                call("RequestConfig", c -> c.requestConfig("k"), ""),
                call("RequestQueries", c -> c.requestQueries("k"), ""),
                call("PublishLogs", c -> c.publishLogs("k", LogKind.STATUS, List.of("x")), ""),
                call("PublishResults", c -> c.publishResults("k", List.of()), ""),
                call("CheckHealth", c -> c.checkHealth("k"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void nodeInvalidIsNodeInvalid(String method, Consumer<KolideService> call, String ignored) {
        server.result("{\"node_key\":\"\",\"node_invalid\":true}");

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(NodeInvalidException.class)
                .hasMessageStartingWith(method + " to " + host + ": the server refused the")
                .hasMessageEndingWith("(node_invalid)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void aJsonRpcErrorIsUnavailableNamingTheMethodAndHost(String method, Consumer<KolideService> call, String x) {
        server.reply(200, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"boom\"},\"id\":0}");

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage(method + " to " + host + " failed: the server answered with JSON-RPC error -32000: boom");
    }

    /** Replies that are failures, and how the message says so. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "HTTP 500 text       | 500 | oops                                                  | HTTP 500: oops",
        "HTTP 502 empty      | 502 | ``                                                    | HTTP 502",
        "HTTP 500 rpc error  | 500 | {\"error\":{\"code\":-32603,\"message\":\"internal\"}} | HTTP 500, JSON-RPC error -32603: internal",
        "malformed JSON      | 200 | {\"result\":                                          | the reply is not valid JSON",
        "empty body          | 200 | ``                                                    | the reply is not a JSON-RPC response object",
        "not an object       | 200 | [1,2]                                                 | the reply is not a JSON-RPC response object",
        "no result           | 200 | {\"jsonrpc\":\"2.0\",\"id\":0}                        | the reply has neither a result nor an error",
        "result not object   | 200 | {\"result\":\"ok\"}                                   | the reply's result is a STRING, expected an object",
        "error with data     | 200 | {\"error\":{\"code\":1,\"message\":\"m\",\"data\":[1]}} | JSON-RPC error 1: m (data: [1])",
        "error_code string   | 200 | {\"result\":{\"error_code\":\"E1\"}}                  | error code \"E1\"",
        "error_code object   | 200 | {\"result\":{\"config\":\"\",\"error_code\":{}}}      | error code \"{}\"",
        "Err object          | 200 | {\"result\":{\"Err\":{}}}                             | the server reported an error (Err: {})",
        "err lowercase       | 200 | {\"result\":{\"err\":{\"msg\":\"x\"}}}                | the server reported an error (Err: {\"msg\":\"x\"})",
        "node_invalid string | 200 | {\"result\":{\"node_invalid\":\"yes\"}}               | malformed reply: node_invalid is \"yes\", expected a boolean",
        "config not string   | 200 | {\"result\":{\"config\":{}}}                          | malformed reply: config is {}, expected a string",
    })
    void failedRepliesAreUnavailable(String name, int status, String body, String expected) {
        server.reply(status, body);

        assertThatThrownBy(() -> client.requestConfig("k"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("RequestConfig to " + host + " failed: ")
                .hasMessageContaining(expected);
    }

    @Test
    void malformedQueriesAreUnavailable() {
        server.result("{\"Queries\":{\"queries\":[\"select 1\"]}}");

        assertThatThrownBy(() -> client.requestQueries("k"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("malformed reply: Queries.queries is [\"select 1\"], expected an object");
    }

    @Test
    void enrollmentWithoutANodeKeyIsUnavailable() {
        server.result("{\"node_key\":\"\"}");

        assertThatThrownBy(() -> client.requestEnrollment("s", "h", DETAILS))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("RequestEnrollment to " + host + " failed: the server answered without a node key");
    }

    @Test
    void aReplyLargerThanTheLimitIsUnavailable() {
        JsonRpcKolideClient small = new JsonRpcKolideClient(
                ClientOptions.builder(host).insecureTransport(true).maxReplyBytes(1024).build());
        server.result("{\"config\":\"" + "x".repeat(2048) + "\"}");

        assertThatThrownBy(() -> small.requestConfig("k"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("RequestConfig to " + host + " failed: the reply is larger than 1024 bytes");
    }

    @Test
    void aServerThatIsDownIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonRpcKolideClient down = new JsonRpcKolideClient(ClientOptions.builder("127.0.0.1:" + port)
                .insecureTransport(true).requestTimeout(Duration.ofSeconds(3)).build());

        assertThatThrownBy(() -> down.checkHealth("k"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("CheckHealth to 127.0.0.1:" + port + " failed: java.net.ConnectException");
    }

    @Test
    void theCurrentRequestIdTravelsAsAHeader() {
        MDC.put(RequestIds.MDC_KEY, "req-42");
        try {
            client.requestConfig("k");
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        client.requestConfig("k");

        assertThat(server.received).extracting(JsonRpcTestServer.Received::requestId).containsExactly("req-42", null);
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Arguments call(String method, Consumer<KolideService> call, String params) {
        return Arguments.of(method, call, params);
    }
}
