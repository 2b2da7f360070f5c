package dev.kolide.launcher.client.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.AgentApiResponse;
import dev.kolide.agent.api.ConfigResponse;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.EnrollmentResponse;
import dev.kolide.agent.api.HealthCheckResponse;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import dev.kolide.kit.reqid.RequestIds;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.KolideService;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.QueryResult;
import dev.kolide.launcher.service.ServiceUnavailableException;
import io.grpc.Status;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;

/** The mapping between KolideService and kolide.agent.Api, against a real gRPC server in the test. */
class GrpcKolideClientTest {

    private static final EnrollmentDetails DETAILS = new EnrollmentDetails("14.5", "23F79", "darwin", "mac-1",
            "Apple Inc.", "MacBookPro18,3", "C02XYZ", "5.12.1", "1.0.0", "macOS", "darwin", "UUID-1234", "darwin",
            "arm64");

    private GrpcTestServer server;
    private GrpcKolideClient client;

    @BeforeEach
    void start() throws Exception {
        server = GrpcTestServer.plaintext();
        client = new GrpcKolideClient(options(server.port()).build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void enrollmentSendsEveryProtoFieldAndReturnsTheNodeKey() {
        server.api.enrollment = EnrollmentResponse.newBuilder().setNodeKey("the-key").build();

        String nodeKey = client.requestEnrollment("secret", "host-uuid", DETAILS);

        assertThat(nodeKey).isEqualTo("the-key");
        assertThat(server.api.last(EnrollmentRequest.class)).isEqualTo(EnrollmentRequest.newBuilder()
                .setEnrollSecret("secret")
                .setHostIdentifier("host-uuid")
                .setEnrollmentDetails(dev.kolide.agent.api.EnrollmentDetails.newBuilder()
                        .setOsVersion("14.5")
                        .setOsBuild("23F79")
                        .setOsPlatform("darwin")
                        .setHostname("mac-1")
                        .setHardwareVendor("Apple Inc.")
                        .setHardwareModel("MacBookPro18,3")
                        .setHardwareSerial("C02XYZ")
                        .setOsqueryVersion("5.12.1")
                        .setLauncherVersion("1.0.0")
                        .setOsName("macOS")
                        .setOsPlatformLike("darwin")
                        .setHardwareUuid("UUID-1234"))
                .build());
    }

    @Test
    void enrollmentWithoutANodeKeyIsAFailure() {
        server.api.enrollment = EnrollmentResponse.getDefaultInstance();

        assertThatThrownBy(() -> client.requestEnrollment("secret", "host", DETAILS))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("RequestEnrollment to 127.0.0.1:" + server.port()
                        + " failed: the server answered without a node key");
    }

    @Test
    void configSendsTheNodeKeyAndReturnsTheBlob() {
        server.api.config = ConfigResponse.newBuilder().setConfigJsonBlob("{\"options\":{}}").build();

        assertThat(client.requestConfig("k1")).isEqualTo("{\"options\":{}}");
        assertThat(server.api.last(AgentApiRequest.class).getNodeKey()).isEqualTo("k1");
    }

    @Test
    void queriesComeBackInTheServersOrder() {
        server.api.queries = QueryCollection.newBuilder()
                .addQueries(QueryCollection.Query.newBuilder().setId("q2").setQuery("select 2"))
                .addQueries(QueryCollection.Query.newBuilder().setId("q1").setQuery("select 1"))
                .build();

        assertThat(client.requestQueries("k1"))
                .containsExactly(new DistributedQuery("q2", "select 2"), new DistributedQuery("q1", "select 1"));
        assertThat(server.api.last(AgentApiRequest.class).getNodeKey()).isEqualTo("k1");
    }

    @Test
    void noQueriesIsAnEmptyList() {
        assertThat(client.requestQueries("k1")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LogKind.class)
    void logsCarryTheirTypeByNumber(LogKind kind) {
        client.publishLogs("k1", kind, List.of("one", "two"));

        LogCollection received = server.api.last(LogCollection.class);
        assertThat(received.getNodeKey()).isEqualTo("k1");
        assertThat(received.getLogType().name()).isEqualTo(kind.name());
        assertThat(received.getLogTypeValue()).isEqualTo(kind.wireNumber());
        assertThat(received.getLogsList()).extracting(LogCollection.Log::getData).containsExactly("one", "two");
    }

    @Test
    void resultsKeepColumnOrderNameAndStatus() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("zeta", "1");
        row.put("alpha", "2");
        row.put("mid", "");

        client.publishResults("k1", List.of(new QueryResult("q1", 0, List.of(row)), new QueryResult("q2", 1,
                List.of())));

        ResultCollection received = server.api.last(ResultCollection.class);
        assertThat(received.getNodeKey()).isEqualTo("k1");
        assertThat(received.getResultsList()).extracting(ResultCollection.Result::getId).containsExactly("q1", "q2");
        assertThat(received.getResults(0).getStatus()).isZero();
        assertThat(received.getResults(1).getStatus()).isEqualTo(1);
        assertThat(received.getResults(1).getRowsList()).isEmpty();
        assertThat(received.getResults(0).getRows(0).getColumnsList())
                .extracting(c -> c.getName() + "=" + c.getValue())
                .containsExactly("zeta=1", "alpha=2", "mid=");
    }

    @ParameterizedTest
    @EnumSource(HealthCheckResponse.ServingStatus.class)
    void healthIsServingOnly(HealthCheckResponse.ServingStatus status) {
        if (status == HealthCheckResponse.ServingStatus.UNRECOGNIZED) {
            return;
        }
        server.api.health = HealthCheckResponse.newBuilder().setStatus(status).build();

        assertThat(client.checkHealth("k1")).isEqualTo(status == HealthCheckResponse.ServingStatus.SERVING);
    }

    /** Each RPC's reply with node_invalid, and the call that gets it. */
    static Stream<Arguments> nodeInvalidReplies() {
        return Stream.of(
                rpc("RequestEnrollment", api -> api.enrollment =
                        EnrollmentResponse.newBuilder().setNodeInvalid(true).build(),
                        c -> c.requestEnrollment("s", "h", DETAILS)),
                rpc("RequestConfig", api -> api.config = ConfigResponse.newBuilder().setNodeInvalid(true).build(),
                        c -> c.requestConfig("k")),
                rpc("RequestQueries", api -> api.queries =
                        QueryCollection.newBuilder().setNodeInvalid(true).build(), c -> c.requestQueries("k")),
                rpc("PublishLogs", api -> api.logs = AgentApiResponse.newBuilder().setNodeInvalid(true).build(),
                        c -> c.publishLogs("k", LogKind.STATUS, List.of("x"))),
                rpc("PublishResults", api -> api.results =
                        AgentApiResponse.newBuilder().setNodeInvalid(true).build(),
                        c -> c.publishResults("k", List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeInvalidReplies")
    void nodeInvalidRepliesAreNodeInvalid(String rpc, Consumer<RecordingApi> reply, Consumer<KolideService> call) {
        reply.accept(server.api);

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(NodeInvalidException.class)
                .hasMessageStartingWith(rpc + " to 127.0.0.1:" + server.port() + ": the server refused the")
                .hasMessageEndingWith("(node_invalid)");
    }

    static Stream<Arguments> everyCall() {
        return Stream.of(
                rpc("RequestEnrollment", api -> { }, c -> c.requestEnrollment("s", "h", DETAILS)),
                rpc("RequestConfig", api -> { }, c -> c.requestConfig("k")),
                rpc("RequestQueries", api -> { }, c -> c.requestQueries("k")),
                rpc("PublishLogs", api -> { }, c -> c.publishLogs("k", LogKind.RESULT, List.of("x"))),
                rpc("PublishResults", api -> { }, c -> c.publishResults("k", List.of())),
                rpc("CheckHealth", api -> { }, c -> c.checkHealth("k")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void unauthenticatedIsNodeInvalid(String rpc, Consumer<RecordingApi> ignored, Consumer<KolideService> call) {
        server.api.failure = Status.UNAUTHENTICATED.withDescription("Node Invalid");

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(NodeInvalidException.class)
                .hasMessageStartingWith(rpc + " to 127.0.0.1:" + server.port())
                .hasMessageEndingWith("(UNAUTHENTICATED: Node Invalid)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCall")
    void otherStatusesAreUnavailableNamingTheRpcAndHost(String rpc, Consumer<RecordingApi> ignored,
            Consumer<KolideService> call) {
        server.api.failure = Status.UNKNOWN.withDescription("Server Error");

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage(rpc + " to 127.0.0.1:" + server.port() + " failed: UNKNOWN: Server Error");
    }

    static Stream<Arguments> errorCodeReplies() {
        return Stream.of(
                rpc("RequestEnrollment", api -> api.enrollment =
                        EnrollmentResponse.newBuilder().setNodeKey("k").setErrorCode("E1").build(),
                        c -> c.requestEnrollment("s", "h", DETAILS)),
                rpc("RequestConfig", api -> api.config = ConfigResponse.newBuilder().setErrorCode("E1").build(),
                        c -> c.requestConfig("k")),
                rpc("RequestQueries", api -> api.queries = QueryCollection.newBuilder().setErrorCode("E1").build(),
                        c -> c.requestQueries("k")),
                rpc("PublishLogs", api -> api.logs = AgentApiResponse.newBuilder().setErrorCode("E1").build(),
                        c -> c.publishLogs("k", LogKind.STATUS, List.of("x"))),
                rpc("PublishResults", api -> api.results = AgentApiResponse.newBuilder().setErrorCode("E1").build(),
                        c -> c.publishResults("k", List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCodeReplies")
    void errorCodesAreUnavailable(String rpc, Consumer<RecordingApi> reply, Consumer<KolideService> call) {
        reply.accept(server.api);

        assertThatThrownBy(() -> call.accept(client))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage(rpc + " to 127.0.0.1:" + server.port()
                        + " failed: the server answered with error code \"E1\"");
    }

    @Test
    void aServerThatDoesNotAnswerRunsIntoTheDeadline() throws Exception {
        server.api.hang = true;
        try (GrpcKolideClient impatient =
                new GrpcKolideClient(options(server.port()).requestTimeout(Duration.ofMillis(300)).build())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.requestConfig("k"))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("RequestConfig to 127.0.0.1:" + server.port() + " failed: DEADLINE_EXCEEDED");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServerThatIsDownIsUnavailableWithinTheDeadline() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        try (GrpcKolideClient down = new GrpcKolideClient(options(port).requestTimeout(Duration.ofSeconds(3)).build())) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> down.checkHealth("k"))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageStartingWith("CheckHealth to 127.0.0.1:" + port + " failed: UNAVAILABLE");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aReplyLargerThanTheLimitIsUnavailable() throws Exception {
        server.api.config = ConfigResponse.newBuilder().setConfigJsonBlob("x".repeat(4096)).build();
        try (GrpcKolideClient small = new GrpcKolideClient(options(server.port()).maxReplyBytes(1024).build())) {
            assertThatThrownBy(() -> small.requestConfig("k"))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("RESOURCE_EXHAUSTED");
        }
    }

    @Test
    void theCurrentRequestIdTravelsAsMetadata() {
        MDC.put(RequestIds.MDC_KEY, "req-42");
        try {
            client.checkHealth("k");
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        client.checkHealth("k");

        assertThat(server.requestIds).containsExactly("req-42", "");
    }

    private static ClientOptions.Builder options(int port) {
        return ClientOptions.builder("127.0.0.1:" + port).insecureTransport(true);
    }

    private static Arguments rpc(String name, Consumer<RecordingApi> reply, Consumer<KolideService> call) {
        return Arguments.of(name, reply, call);
    }
}
