package dev.kolide.fleet.transport.grpc;

import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.inprocess.InProcessCampaignBus;
import dev.kolide.fleet.service.launcher.LiveQueryPush;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.AgentApiResponse;
import dev.kolide.agent.api.ApiGrpc;
import dev.kolide.agent.api.ConfigResponse;
import dev.kolide.agent.api.EnrollmentDetails;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.EnrollmentResponse;
import dev.kolide.agent.api.HealthCheckResponse;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.osquery.OsqueryRoutes;
import dev.kolide.fleet.transport.jsonrpc.JsonRpcRoutes;
import dev.kolide.kit.reqid.GrpcRequestIds;
import dev.kolide.kit.tls.GrpcTls;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code kolide.agent.Api} over real HTTPS (HTTP/2, ALPN) on fleet's one port, with a real grpc-java client, the
 * real osquery service and the H2 (or MariaDB) datastore: every RPC, node_invalid for refused keys and secrets,
 * bad input, and the HTTP routes still answering on the same port.
 */
@Timeout(120)
class LauncherGrpcApiTest extends OsqueryDatabaseTestBase {
    private static final String UUID = "4C4C4544-0042-3010-8052-B4C04F4E4E32";

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final ObjectMapper json = new ObjectMapper();
    private TestHttpServer server;
    private InProcessCampaignBus bus;
    private ScheduledExecutorService heartbeats;
    private LiveQueryPush push;
    private ManagedChannel channel;
    private ApiGrpc.ApiBlockingStub launcher;

    @BeforeEach
    void startServer() {
        // One instance serves every test of an engine (see the base class): reset what a test may change.
        healthy.set(true);
        bus = new InProcessCampaignBus(NoWatcherRule.disabled(java.time.Clock.systemUTC()));
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        push = new LiveQueryPush(bus, heartbeats, Duration.ofMillis(300));
        server = startFleet(TestHttpServer.builder());
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(),
                GrpcTls.channelCredentials(server.certificates().clientTrust())).build();
        launcher = ApiGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private TestHttpServer startFleet(TestHttpServer.Builder builder) {
        LauncherApi api = new LauncherApi(service, healthy::get, json);
        return builder
                .grpc(AgentApiGrpcHandler.builder().addService(new AgentApiService(api, push)).build())
                .setup(setup -> {
                    OsqueryRoutes.register(setup.routes(), service, setup.codec());
                    JsonRpcRoutes.register(setup.routes().group("", dev.kolide.fleet.transport.http.errors.ErrorStyle
                            .USER_API), api, setup.codec().objectMapper());
                })
                .start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        heartbeats.shutdownNow();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    static EnrollmentDetails ubuntuDetails(String hostname) {
        return EnrollmentDetails.newBuilder()
                .setOsVersion("22.04.4 LTS (Jammy Jellyfish)").setOsBuild("").setOsPlatform("ubuntu")
                .setHostname(hostname).setHardwareVendor("Dell Inc.").setHardwareModel("PowerEdge R640")
                .setHardwareSerial("8XJ2KQ2").setOsqueryVersion("5.12.1").setLauncherVersion("1.6.0")
                .setOsName("Ubuntu").setOsPlatformLike("debian").build();
    }

    private String enrollOverGrpc(String identifier, String hostname) {
        EnrollmentResponse response = launcher.requestEnrollment(EnrollmentRequest.newBuilder()
                .setEnrollSecret(SECRET).setHostIdentifier(identifier)
                .setEnrollmentDetails(ubuntuDetails(hostname)).build());
        assertThat(response.getNodeInvalid()).isFalse();
        assertThat(response.getNodeKey()).isNotEmpty();
        return response.getNodeKey();
    }

    private static AgentApiRequest key(String nodeKey) {
        return AgentApiRequest.newBuilder().setNodeKey(nodeKey).build();
    }

    @Test
    void enrollmentStoresTheLaunchersDetailsOnTheHost() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");

        Host host = ds.hosts().findByNodeKey(nodeKey).orElseThrow();
        assertThat(host.inventory().hostname()).isEqualTo("web-01.example.com");
        assertThat(host.inventory().osVersion()).isEqualTo("Ubuntu 22.04.4");
        assertThat(host.inventory().platform()).isEqualTo("ubuntu");
        assertThat(host.inventory().platformLike()).isEqualTo("debian");
        assertThat(host.inventory().osqueryVersion()).isEqualTo("5.12.1");
        assertThat(host.inventory().hardwareVendor()).isEqualTo("Dell Inc.");
        assertThat(host.inventory().hardwareModel()).isEqualTo("PowerEdge R640");
        assertThat(host.inventory().hardwareSerial()).isEqualTo("8XJ2KQ2");
    }

    @Test
    void aBadEnrollSecretIsNodeInvalidNotAnError() {
        EnrollmentResponse response = launcher.requestEnrollment(EnrollmentRequest.newBuilder()
                .setEnrollSecret("wrong").setHostIdentifier(UUID).build());

        assertThat(response.getNodeInvalid()).isTrue();
        assertThat(response.getNodeKey()).isEmpty();
        assertThat(ds.hosts().findByNodeKey("wrong")).isEmpty();
    }

    @Test
    void theConfigLeavesTheLoggerAndDistributedPluginsToTheLauncher() throws Exception {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");

        ConfigResponse response = launcher.requestConfig(key(nodeKey));

        assertThat(response.getNodeInvalid()).isFalse();
        JsonNode config = json.readTree(response.getConfigJsonBlob());
        JsonNode options = config.get("options");
        assertThat(options.has("distributed_plugin")).isFalse();
        assertThat(options.has("logger_plugin")).isFalse();
        assertThat(options.path("distributed_interval").asInt()).isEqualTo(10);
        assertThat(options.path("pack_delimiter").asText()).isEqualTo("/");
        assertThat(config.path("decorators").path("load")).hasSize(2);
    }

    @Test
    void aNewHostIsAskedForItsDetailsAndLabels() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");
        Label allHosts = ds.labels().findByName("All Hosts").orElseThrow();

        QueryCollection queries = launcher.requestQueries(key(nodeKey));

        assertThat(queries.getNodeInvalid()).isFalse();
        Map<String, String> byId = queries.getQueriesList().stream()
                .collect(java.util.stream.Collectors.toMap(QueryCollection.Query::getId,
                        QueryCollection.Query::getQuery));
        assertThat(byId).containsEntry("kolide_detail_query_os_version", "select * from os_version limit 1");
        assertThat(byId).containsKey("kolide_label_query_" + allHosts.id());
    }

    @Test
    void publishedResultsUpdateTheHostAndItsLabels() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");
        Label allHosts = ds.labels().findByName("All Hosts").orElseThrow();
        Label macOs = ds.labels().findByName("macOS").orElseThrow();
        launcher.requestQueries(key(nodeKey));

        ResultCollection.Builder results = ResultCollection.newBuilder().setNodeKey(nodeKey);
        OsqueryRows.ubuntuDetails("web-01.example.com").forEach((name, rows) ->
                results.addResults(result(name, 0, rows)));
        results.addResults(result("kolide_label_query_" + allHosts.id(), 0, List.of(Map.of("1", "1"))));
        results.addResults(result("kolide_label_query_" + macOs.id(), 1, List.of()));
        clock.advance(Duration.ofSeconds(1));
        AgentApiResponse response = launcher.publishResults(results.build());

        assertThat(response.getNodeInvalid()).isFalse();
        Host host = ds.hosts().findByNodeKey(nodeKey).orElseThrow();
        assertThat(host.inventory().primaryIp()).isEqualTo("10.0.4.17");
        assertThat(host.inventory().physicalMemory()).isEqualTo(16_777_216_000L);
        assertThat(host.detailUpdatedAt()).isEqualTo(clock.instant());
        assertThat(ds.labels().listForHost(host.id())).extracting(Label::name).containsExactly("All Hosts");
    }

    static ResultCollection.Result result(String name, int status, List<Map<String, String>> rows) {
        ResultCollection.Result.Builder result = ResultCollection.Result.newBuilder().setId(name).setStatus(status);
        for (Map<String, String> row : rows) {
            ResultCollection.Result.ResultRow.Builder columns = ResultCollection.Result.ResultRow.newBuilder();
            row.forEach((column, value) -> columns.addColumns(ResultCollection.Result.ResultRow.Column.newBuilder()
                    .setName(column).setValue(value)));
            result.addRows(columns);
        }
        return result.build();
    }

    @Test
    void statusAndResultLogsReachTheirDestinationsAgentLogsAreAccepted() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");
        String status = "{\"hostIdentifier\":\"" + UUID + "\",\"severity\":\"0\",\"message\":\"started\"}";
        String result = "{\"name\":\"pack/monitoring/processes\",\"action\":\"added\",\"columns\":{\"pid\":\"1\"}}";
        String spreadOverLines = "{\"name\":\"pack/monitoring/users\",\n\"action\":\"added\"}";

        AgentApiResponse statusReply = launcher.publishLogs(logs(nodeKey, LogCollection.LogType.STATUS, status));
        AgentApiResponse resultReply = launcher.publishLogs(logs(nodeKey, LogCollection.LogType.RESULT, result,
                spreadOverLines));
        AgentApiResponse agentReply = launcher.publishLogs(logs(nodeKey, LogCollection.LogType.AGENT,
                "{\"caller\":\"main.go:42\",\"msg\":\"launcher started\"}"));

        assertThat(List.of(statusReply, resultReply, agentReply)).extracting(AgentApiResponse::getNodeInvalid)
                .containsOnly(false);
        assertThat(lines(statusLogFile())).containsExactly(status);
        assertThat(lines(resultLogFile())).containsExactly(result,
                "{\"name\":\"pack/monitoring/users\",\"action\":\"added\"}");
    }

    static LogCollection logs(String nodeKey, LogCollection.LogType type, String... data) {
        LogCollection.Builder logs = LogCollection.newBuilder().setNodeKey(nodeKey).setLogType(type);
        for (String line : data) {
            logs.addLogs(LogCollection.Log.newBuilder().setData(line));
        }
        return logs.build();
    }

    @Test
    void anUnknownNodeKeyIsNodeInvalidOnEveryCall() {
        assertThat(launcher.requestConfig(key("no-such-key")).getNodeInvalid()).isTrue();
        assertThat(launcher.requestQueries(key("no-such-key")).getNodeInvalid()).isTrue();
        assertThat(launcher.publishLogs(logs("no-such-key", LogCollection.LogType.STATUS, "{}")).getNodeInvalid())
                .isTrue();
        assertThat(launcher.publishResults(ResultCollection.newBuilder().setNodeKey("").build()).getNodeInvalid())
                .isTrue();
        assertThat(lines(statusLogFile())).isEmpty();
    }

    @Test
    void reEnrollmentRotatesTheKeyAndTheOldOneIsNodeInvalid() {
        String first = enrollOverGrpc(UUID, "web-01.example.com");
        String second = enrollOverGrpc(UUID, "web-01.example.com");

        assertThat(second).isNotEqualTo(first);
        assertThat(launcher.requestConfig(key(first)).getNodeInvalid()).isTrue();
        assertThat(launcher.requestConfig(key(second)).getNodeInvalid()).isFalse();
    }

    @Test
    void healthFollowsFleetsHealthChecks() {
        assertThat(launcher.checkHealth(AgentApiRequest.getDefaultInstance()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        healthy.set(false);
        assertThat(launcher.checkHealth(AgentApiRequest.getDefaultInstance()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
    }

    @Test
    void badInputIsInvalidArgumentWithTheReason() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");

        assertThatThrownBy(() -> launcher.requestEnrollment(EnrollmentRequest.newBuilder().setEnrollSecret(SECRET)
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("host_identifier is missing");
                });
        assertThatThrownBy(() -> launcher.publishLogs(logs(nodeKey, LogCollection.LogType.STATUS, "not\njson")))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("line break");
                });
        assertThatThrownBy(() -> launcher.publishLogs(LogCollection.newBuilder().setNodeKey(nodeKey)
                .setLogTypeValue(7).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("unknown log_type");
                });
        assertThat(lines(statusLogFile())).isEmpty();
    }

    @Test
    void aMessageOverTheInboundLimitIsRefused() {
        String nodeKey = enrollOverGrpc(UUID, "web-01.example.com");
        String big = "x".repeat(AgentApiGrpcHandler.DEFAULT_MAX_INBOUND_MESSAGE_BYTES);

        assertThatThrownBy(() -> launcher.publishLogs(logs(nodeKey, LogCollection.LogType.STATUS, big)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        // The connection is still good for the next call.
        assertThat(launcher.requestConfig(key(nodeKey)).getNodeInvalid()).isFalse();
    }

    @Test
    void theCallsRequestIdComesBackInTheResponseHeaders() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Metadata sent = new Metadata();
        sent.put(GrpcRequestIds.METADATA_KEY, "launcher-req-1234");

        launcher.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .checkHealth(AgentApiRequest.getDefaultInstance());

        assertThat(headers.get().get(GrpcRequestIds.METADATA_KEY)).isEqualTo("launcher-req-1234");
    }

    @Test
    void theHttpApiStillAnswersOnTheSamePort() {
        String body = "{\"enroll_secret\":\"" + SECRET + "\",\"host_identifier\":\"osquery-host\"}";
        HttpResponse<String> osquery = server.postJson("/api/v1/osquery/enroll", body);
        HttpResponse<String> jsonRpc = server.send(server.http11Client(), server.request("/")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"CheckHealth\",\"params\":{},\"id\":1}")));

        assertThat(osquery.statusCode()).isEqualTo(200);
        assertThat(server.json(osquery).path("node_key").asText()).isNotEmpty();
        assertThat(jsonRpc.statusCode()).isEqualTo(200);
        assertThat(server.json(jsonRpc).path("result").path("status").asInt()).isEqualTo(1);
        // and gRPC on the very same port, in between
        assertThat(launcher.checkHealth(AgentApiRequest.getDefaultInstance()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void withoutTlsGrpcIsServedAsH2cWithPriorKnowledge() throws InterruptedException {
        try (TestHttpServer plain = startFleet(TestHttpServer.builder().plaintext())) {
            ManagedChannel insecure = Grpc.newChannelBuilderForAddress("127.0.0.1", plain.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                ApiGrpc.ApiBlockingStub stub = ApiGrpc.newBlockingStub(insecure)
                        .withDeadlineAfter(30, TimeUnit.SECONDS);
                EnrollmentResponse enrolled = stub.requestEnrollment(EnrollmentRequest.newBuilder()
                        .setEnrollSecret(SECRET).setHostIdentifier(UUID)
                        .setEnrollmentDetails(ubuntuDetails("web-02.example.com")).build());
                assertThat(enrolled.getNodeInvalid()).isFalse();
                assertThat(stub.requestConfig(key(enrolled.getNodeKey())).getConfigJsonBlob()).contains("options");
            } finally {
                insecure.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
    @Test
    void watchQueriesPushesALiveQueryTheMomentItStartsAndHeartbeatsMeanwhile() throws Exception {
        String nodeKey = enrollOverGrpc("watch-uuid-1", "watch-host-1");
        long hostId = ds.hosts().findByNodeKey(nodeKey).orElseThrow().id();
        BlockingQueue<QueryCollection> received = new LinkedBlockingQueue<>();
        ApiGrpc.newStub(channel).watchQueries(AgentApiRequest.newBuilder().setNodeKey(nodeKey).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(QueryCollection value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        QueryCollection heartbeat = received.poll(10, TimeUnit.SECONDS);
        assertThat(heartbeat).as("heartbeat").isNotNull();
        assertThat(heartbeat.getQueriesCount()).isZero();
        assertThat(push.connectedHosts()).isEqualTo(1);

        bus.start(new LiveCampaign(77, "ad hoc", "select 1 as one", java.util.Set.of(hostId), 1, Instant.now()));
        QueryCollection pushed;
        do {
            pushed = received.poll(10, TimeUnit.SECONDS);
            assertThat(pushed).as("the live query").isNotNull();
        } while (pushed.getQueriesCount() == 0);
        assertThat(pushed.getQueries(0).getId()).isEqualTo("kolide_distributed_query_77");
        assertThat(pushed.getQueries(0).getQuery()).isEqualTo("select 1 as one");
    }

    @Test
    void watchQueriesWithAnUnknownNodeKeyEndsWithNodeInvalid() {
        java.util.Iterator<QueryCollection> replies = launcher.watchQueries(
                AgentApiRequest.newBuilder().setNodeKey("no-such-key").build());
        assertThat(replies.next().getNodeInvalid()).isTrue();
        assertThat(replies.hasNext()).isFalse();
    }
}
