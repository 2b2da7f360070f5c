package dev.kolide.fleet.transport.http.api.livequery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.inprocess.InProcessCampaignBus;
import dev.kolide.fleet.service.api.ApiTestEnvironment;
import dev.kolide.fleet.service.livequery.BusLiveQuerySource;
import dev.kolide.fleet.service.livequery.CampaignReaper;
import dev.kolide.fleet.service.livequery.DefaultLiveQueryService;
import dev.kolide.fleet.service.livequery.LiveResultLog;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.api.ApiExceptionMappings;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import dev.kolide.fleet.transport.http.api.ApiRoutes;
import dev.kolide.fleet.transport.http.api.Authenticator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live queries over real HTTPS and a real WebSocket, with the in-process bus, on H2. */
@Timeout(60)
class LiveQueriesHttpTest {
    private static final String API = "/api/v1/kolide";

    private final ObjectMapper mapper = new ObjectMapper();
    private ApiTestEnvironment env;
    private InProcessCampaignBus bus;
    private BusLiveQuerySource source;
    private ScheduledExecutorService ticker;
    private TestHttpServer server;
    private String observerToken;

    @BeforeEach
    void start() {
        env = ApiTestEnvironment.open(TestEngine.H2);
        env.reset();
        bus = new InProcessCampaignBus(NoWatcherRule.enabled(env.clock()));
        source = new BusLiveQuerySource(bus, LiveResultLog.none());
        ticker = Executors.newSingleThreadScheduledExecutor();
        DefaultLiveQueryService service = new DefaultLiveQueryService(env.datastore(), bus, env.clock());
        Authenticator auth = new Authenticator(env.services().sessions());
        server = TestHttpServer.builder()
                .exceptionMappings(ApiExceptionMappings.create())
                .setup(setup -> {
                    ApiRoutes.Registration registration = ApiRoutes.register(setup.routes(), env.services());
                    new LiveQueryRoutes(service, auth, new LiveResultsWebSocket(service, auth,
                            setup.codec().objectMapper(), ticker, Duration.ofMillis(200)))
                            .register(new ApiRouteGroup(registration.api()));
                })
                .start();
        User observer = env.createUser("observer", UserRole.OBSERVER);
        observerToken = env.tokenFor(observer);
    }

    @AfterEach
    void stop() {
        server.close();
        ticker.shutdownNow();
        bus.close();
        env.close();
    }

    private HttpResponse<String> post(String path, String body) {
        return server.send(server.request(API + path).header("Authorization", "Bearer " + observerToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long run(Host... hosts) {
        StringBuilder ids = new StringBuilder();
        for (Host host : hosts) {
            ids.append(ids.length() == 0 ? "" : ",").append(host.id());
        }
        HttpResponse<String> response = post("/queries/run",
                "{\"query\":\"select 1 as one\",\"selected\":{\"hosts\":[" + ids + "],\"labels\":[]}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return server.json(response).path("campaign").path("id").asLong();
    }

    @Test
    void anObserverRunsAQueryAndOnlyTheTargetedHostIsAskedAtItsNextRead() {
        Host web = env.enrollHost("web", "ubuntu");
        Host db = env.enrollHost("db", "ubuntu");

        HttpResponse<String> response = post("/queries/run",
                "{\"query\":\"select * from osquery_info\",\"selected\":{\"hosts\":[" + web.id() + "]}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode campaign = server.json(response).path("campaign");
        assertThat(campaign.path("status").asInt()).isEqualTo(0);
        assertThat(campaign.path("query_id").asLong()).isPositive();
        assertThat(campaign.path("Metrics").path("count").asLong()).isEqualTo(1);
        assertThat(campaign.path("Metrics").path("online").asLong()).isEqualTo(1);
        assertThat(campaign.path("Metrics").has("missing_in_action")).isTrue();
        long id = campaign.path("id").asLong();
        assertThat(source.pendingFor(web)).containsExactly(Map.entry(Long.toString(id), "select * from osquery_info"));
        assertThat(source.pendingFor(db)).isEmpty();
    }

    @Test
    void runByNamesFindsHostsByHostnameAndSkipsUnknownNames() {
        Host web = env.enrollHost("web", "ubuntu");

        HttpResponse<String> response = post("/queries/run_by_names",
                "{\"query\":\"select 1\",\"selected\":{\"hosts\":[\"web\",\"nope\"],\"labels\":[\"nope\"]}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(server.json(response).path("campaign").path("Metrics").path("count").asLong()).isEqualTo(1);
        assertThat(source.pendingFor(web)).hasSize(1);
    }

    @Test
    void aRunWithoutTargetsIsRefused() {
        HttpResponse<String> response = post("/queries/run", "{\"query\":\"select 1\",\"selected\":{}}");

        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void theWebSocketStreamsEachAnswerWithItsHostAndReportsStatus() throws Exception {
        Host web = env.enrollHost("web", "ubuntu");
        long id = run(web);
        Socket socket = Socket.open(server, mapper);
        socket.send("{\"type\":\"auth\",\"data\":{\"token\":\"" + observerToken + "\"}}");
        socket.send("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + id + "}}");
        JsonNode status = socket.next("status");
        assertThat(status.path("data").path("status").asText()).isEqualTo("pending");
        assertThat(status.path("data").path("expected_results").asLong()).isEqualTo(1);

        source.record(web, Long.toString(id), List.of(Map.of("one", "1")), 0, "");

        JsonNode result = socket.next("result");
        assertThat(result.path("data").path("distributed_query_execution_id").asLong()).isEqualTo(id);
        assertThat(result.path("data").path("host").path("hostname").asText()).isEqualTo("web");
        assertThat(result.path("data").path("rows").get(0).path("one").asText()).isEqualTo("1");
        assertThat(result.path("data").path("error").isNull()).isTrue();
        assertThat(socket.next("status").path("data").path("status").asText()).isEqualTo("finished");
        assertThat(env.datastore().campaigns().find(id).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(source.pendingFor(web)).as("a host is not asked twice").isEmpty();
        socket.close();
    }

    @Test
    void aCampaignThisServersBusHasNotHeardOfYetCanBeWatched() throws Exception {
        long query = env.datastore().queries().create(new NewQuery("elsewhere", "", "select 1", false, null)).id();
        long id = env.datastore().campaigns().create(query, null, Set.of(), Set.of()).id();
        Socket socket = Socket.open(server, mapper);
        socket.send("{\"type\":\"auth\",\"data\":{\"token\":\"" + observerToken + "\"}}");

        socket.send("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + id + "}}");

        assertThat(socket.next("status").path("data").path("status").asText()).isEqualTo("pending");
        assertThat(bus.subscriptionCount()).isEqualTo(1);
        socket.close();
    }

    @Test
    void aCompletedCampaignCannotBeWatched() throws Exception {
        long id = run(env.enrollHost("web", "ubuntu"));
        env.datastore().campaigns().updateStatus(id, CampaignStatus.COMPLETE);
        Socket socket = Socket.open(server, mapper);
        socket.send("{\"type\":\"auth\",\"data\":{\"token\":\"" + observerToken + "\"}}");

        socket.send("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + id + "}}");

        assertThat(socket.next("error").path("data").asText()).contains("already finished");
        assertThat(bus.subscriptionCount()).isZero();
        socket.close();
    }

    @Test
    void aSocketThatSelectsBeforeAuthenticatingGetsAnError() throws Exception {
        long id = run(env.enrollHost("web", "ubuntu"));
        Socket socket = Socket.open(server, mapper);

        socket.send("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + id + "}}");

        assertThat(socket.next("error").path("data").asText()).contains("authenticate first");
        assertThat(bus.subscriptionCount()).isZero();
        socket.close();
    }

    @Test
    void aClientThatDisconnectsLeavesNoSubscriptionBehind() throws Exception {
        long id = run(env.enrollHost("web", "ubuntu"));
        Socket socket = Socket.open(server, mapper);
        socket.send("{\"type\":\"auth\",\"data\":{\"token\":\"" + observerToken + "\"}}");
        socket.send("{\"type\":\"select_campaign\",\"data\":{\"campaign_id\":" + id + "}}");
        socket.next("totals");
        assertThat(bus.subscriptionCount()).isEqualTo(1);

        socket.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bus.subscriptionCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(bus.subscriptionCount()).isZero();
    }

    @Test
    void aFinishedCampaignIsCompleteAndItsLateResultsAreDropped() {
        Host web = env.enrollHost("web", "ubuntu");
        long id = run(web);
        CampaignReaper reaper = new CampaignReaper(bus, env.datastore().campaigns(), env.clock(),
                Duration.ofMinutes(10));
        env.clock().advance(Duration.ofMinutes(11));

        assertThat(reaper.reap()).isEqualTo(1);

        assertThat(env.datastore().campaigns().find(id).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETE);
        assertThat(source.pendingFor(web)).isEmpty();
        source.record(web, Long.toString(id), List.of(Map.of("one", "1")), 0, "");
        assertThat(bus.answered(id)).isEmpty();
    }

    @Test
    void runSyncWaitsForTheAnswersAndNamesTheHostsThatGaveNone() throws Exception {
        Host web = env.enrollHost("web", "ubuntu");
        Host db = env.enrollHost("db", "ubuntu");
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> post("/queries/run_sync",
                "{\"query\":\"select 1 as one\",\"selected\":{\"hosts\":[" + web.id() + "," + db.id()
                        + "]},\"timeout_seconds\":2}"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.pendingFor(web).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String name = source.pendingFor(web).keySet().iterator().next();

        source.record(web, name, List.of(Map.of("one", "1")), 0, "");

        HttpResponse<String> response = call.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = server.json(response);
        assertThat(body.path("campaign_id").asText()).isEqualTo(name);
        assertThat(body.path("finished").asBoolean()).isFalse();
        assertThat(body.path("results")).hasSize(1);
        assertThat(body.path("results").get(0).path("host").path("hostname").asText()).isEqualTo("web");
        assertThat(body.path("hosts_without_results")).hasSize(1);
        assertThat(body.path("hosts_without_results").get(0).path("hostname").asText()).isEqualTo("db");
        assertThat(source.pendingFor(db)).as("the campaign ended with the call").isEmpty();
    }

    @Test
    void anAnswerNobodyWatchedInTheFirstSecondsIsHeldForTheFirstWatcherAndNotAskedForAgain() throws Exception {
        Host web = env.enrollHost("web", "ubuntu");
        long id = run(web);

        source.record(web, Long.toString(id), List.of(Map.of("one", "1")), 0, "");

        assertThat(source.pendingFor(web)).isEmpty();
        LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
        bus.subscribe(id, watched::add);
        assertThat(watched.poll(5, TimeUnit.SECONDS)).isEqualTo(new LiveResult(id, web.id(),
                List.of(Map.of("one", "1")), null));
    }

    @Test
    void anAnswerNobodyWatchedAfterTheGraceClosesTheCampaign() {
        Host web = env.enrollHost("web", "ubuntu");
        Host db = env.enrollHost("db", "ubuntu");
        long id = run(web, db);
        env.clock().advance(Duration.ofSeconds(6));

        source.record(web, Long.toString(id), List.of(Map.of("one", "1")), 0, "");
        new CampaignReaper(bus, env.datastore().campaigns(), env.clock(), Duration.ofMinutes(10)).reap();

        assertThat(env.datastore().campaigns().find(id).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETE);
        assertThat(source.pendingFor(db)).isEmpty();
    }

    @Test
    void liveRowsGoToTheResultLogInOsquerysShapeUnderTheCampaignsQueryName() throws Exception {
        Host web = env.enrollHost("web", "ubuntu");
        long id = run(web);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        BusLiveQuerySource logging = new BusLiveQuerySource(bus, LiveResultLog.to(
                new dev.kolide.fleet.logging.LogDestination() {
                    @Override
                    public void write(List<String> written) {
                        lines.addAll(written);
                    }

                    @Override
                    public void flush() { }

                    @Override
                    public void reopen() { }

                    @Override
                    public void close() { }
                }, mapper, env.clock()));

        logging.record(web, Long.toString(id), List.of(Map.of("pid", "1"), Map.of("pid", "2")), 0, "");

        assertThat(lines).hasSize(2);
        JsonNode line = mapper.readTree(lines.get(0));
        assertThat(line.path("name").asText()).startsWith("distributed_observer_");
        assertThat(line.path("hostIdentifier").asText()).isEqualTo(web.osqueryHostId());
        assertThat(line.path("unixTime").asLong()).isEqualTo(ApiTestEnvironment.T0.getEpochSecond());
        assertThat(line.path("calendarTime").asText()).isEqualTo("Fri Mar  1 12:00:00 2024 UTC");
        assertThat(line.path("columns").path("pid").asText()).isEqualTo("1");
        assertThat(line.path("decorations").path("hostname").asText()).isEqualTo("web");
        assertThat(line.path("action").asText()).isEqualTo("added");
    }

    /** A java.net.http WebSocket client collecting text messages. */
    static final class Socket implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final ObjectMapper mapper;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket webSocket;

        private Socket(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        static Socket open(TestHttpServer server, ObjectMapper mapper) throws Exception {
            Socket socket = new Socket(mapper);
            socket.webSocket = server.http11Client().newWebSocketBuilder()
                    .buildAsync(server.uri(API + "/results/websocket").resolve("").toString().startsWith("https")
                            ? java.net.URI.create(server.uri(API + "/results/websocket").toString()
                                    .replaceFirst("^https", "wss"))
                            : server.uri(API + "/results/websocket"), socket)
                    .get(10, TimeUnit.SECONDS);
            return socket;
        }

        void send(String text) throws Exception {
            webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        /** The next message of {@code type}, skipping others. */
        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                String text = messages.poll(100, TimeUnit.MILLISECONDS);
                if (text != null) {
                    JsonNode node = mapper.readTree(text);
                    if (node.path("type").asText().equals(type)) {
                        return node;
                    }
                }
            }
            throw new AssertionError("no " + type + " message within 15 s");
        }

        void close() throws Exception {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
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
}
