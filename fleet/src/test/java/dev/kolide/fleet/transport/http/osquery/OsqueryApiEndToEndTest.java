package dev.kolide.fleet.transport.http.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.logging.LogDestination;
import dev.kolide.fleet.logging.LogDestinationException;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.osquery.LiveQuerySource;
import dev.kolide.fleet.service.osquery.OsqueryModule;
import dev.kolide.fleet.service.osquery.OsqueryService;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import dev.kolide.fleet.transport.http.TestHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The osquery TLS API over real HTTPS on 127.0.0.1, driven as osquery drives it with Fleet's recommended flags:
 * enroll, config, distributed read and write, logs, carving, node_invalid and re-enrollment. Runs on H2 and
 * MariaDB.
 */
@Timeout(120)
class OsqueryApiEndToEndTest extends OsqueryDatabaseTestBase {
    private TestHttpServer server;
    private OsqueryHttpClient osqueryd;

    @BeforeEach
    void startServer() {
        server = TestHttpServer.builder()
                .setup(setup -> OsqueryRoutes.register(setup.routes(), service, setup.codec()))
                .start();
        osqueryd = new OsqueryHttpClient(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ObjectNode enrollBody(String identifier, String hostname) {
        ObjectNode body = osqueryd.object();
        body.put("enroll_secret", SECRET);
        body.put("host_identifier", identifier);
        body.put("platform_type", "9");
        ObjectNode details = body.putObject("host_details");
        OsqueryRows.ubuntuHostDetails(hostname).forEach((table, row) -> {
            ObjectNode node = details.putObject(table);
            row.forEach(node::put);
        });
        return body;
    }

    private String enrollOverHttp(String identifier, String hostname) {
        HttpResponse<String> response = osqueryd.post("/enroll", enrollBody(identifier, hostname));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return osqueryd.parse(response.body()).get("node_key").asText();
    }

    private ObjectNode withKey(String nodeKey) {
        return osqueryd.object().put("node_key", nodeKey);
    }

    /** The write osquery sends for these queries: realistic rows for details, a row per matching label. */
    private ObjectNode answers(String nodeKey, JsonNode queries, Map<Long, String> labelNames) {
        ObjectNode write = withKey(nodeKey);
        ObjectNode results = write.putObject("queries");
        ObjectNode statuses = write.putObject("statuses");
        ObjectNode stats = write.putObject("stats");
        Map<String, List<Map<String, String>>> details = OsqueryRows.ubuntuDetails("web-01.example.com");
        boolean asString = false;
        for (var names = queries.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            ArrayNode rows = results.putArray(name);
            if (name.startsWith("kolide_detail_query_")) {
                details.get(name).forEach(row -> {
                    ObjectNode node = rows.addObject();
                    row.forEach(node::put);
                });
            } else if (name.startsWith("kolide_label_query_")) {
                String label = labelNames.get(Long.parseLong(name.substring("kolide_label_query_".length())));
                if (label.equals("All Hosts") || label.equals("Ubuntu Linux")) {
                    rows.addObject().put("1", "1");
                }
            }
            // Older osquery sent statuses as strings; newer as numbers. Send both kinds.
            if (asString) {
                statuses.put(name, "0");
            } else {
                statuses.put(name, 0);
            }
            asString = !asString;
            stats.putObject(name).put("wall_time_ms", 3).put("user_time", 1).put("system_time", 0)
                    .put("memory", 4096);
        }
        write.putObject("messages");
        return write;
    }

    @Test
    void anOsqueryHostLivesItsWholeLifeOverTheTlsApi() throws IOException {
        ds.queries().create(new NewQuery("processes", "", "select pid, name from processes;", true, null));
        Pack pack = ds.packs().create(NewPack.named("monitoring"));
        ds.scheduledQueries().create(NewScheduledQuery.of(pack.id(), "processes", 60));
        Label allHosts = ds.labels().findByName("All Hosts").orElseThrow();
        ds.packs().addTarget(pack.id(), TargetType.LABEL, allHosts.id());
        osquery.configSnapshots().reload();
        Map<Long, String> labelNames = Map.of(allHosts.id(), "All Hosts",
                ds.labels().findByName("Ubuntu Linux").orElseThrow().id(), "Ubuntu Linux",
                ds.labels().findByName("macOS").orElseThrow().id(), "macOS");

        // enroll
        String nodeKey = enrollOverHttp("4C4C4544-0042-3010-8052-B4C04F4E4E32", "web-01.example.com");
        Host enrolled = ds.hosts().findByNodeKey(nodeKey).orElseThrow();
        assertThat(enrolled.inventory().hostname()).isEqualTo("web-01.example.com");

        // config: options and decorators; no packs yet (the host is in no label)
        HttpResponse<String> config = osqueryd.post("/config", withKey(nodeKey));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode configJson = osqueryd.parse(config.body());
        assertThat(configJson.path("options").path("distributed_interval").asInt()).isEqualTo(10);
        assertThat(configJson.path("decorators").path("load")).hasSize(2);
        assertThat(configJson.has("packs")).isFalse();

        // distributed read: details and labels
        HttpResponse<String> read = osqueryd.post("/distributed/read", withKey(nodeKey));
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode queries = osqueryd.parse(read.body()).get("queries");
        assertThat(queries.get("kolide_detail_query_os_version").asText()).isEqualTo("select * from os_version limit 1");
        assertThat(queries.has("kolide_label_query_" + allHosts.id())).isTrue();
        assertThat(osqueryd.parse(read.body()).has("accelerate")).isFalse();

        // distributed write: the answers
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> write = osqueryd.post("/distributed/write", answers(nodeKey, queries, labelNames));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
        assertThat(osqueryd.parse(write.body())).isEqualTo(osqueryd.object());

        Host host = ds.hosts().find(enrolled.id()).orElseThrow();
        assertThat(host.inventory().osVersion()).isEqualTo("Ubuntu 22.4.0");
        assertThat(host.inventory().osqueryVersion()).isEqualTo("5.12.1");
        assertThat(host.inventory().primaryIp()).isEqualTo("10.0.4.17");
        assertThat(host.inventory().physicalMemory()).isEqualTo(16_777_216_000L);
        assertThat(host.intervals()).isEqualTo(new HostIntervals(10, 10, 10));
        assertThat(host.detailUpdatedAt()).isEqualTo(clock.instant());
        assertThat(ds.labels().listForHost(host.id())).extracting(Label::name)
                .containsExactlyInAnyOrder("All Hosts", "Ubuntu Linux");

        // the next config has the pack that targets All Hosts; the next read has nothing due
        JsonNode packs = osqueryd.parse(osqueryd.post("/config", withKey(nodeKey)).body()).get("packs");
        assertThat(packs.path("monitoring").path("queries").path("processes").path("query").asText())
                .isEqualTo("select pid, name from processes;");
        assertThat(osqueryd.parse(osqueryd.post("/distributed/read", withKey(nodeKey)).body()))
                .isEqualTo(osqueryd.parse("{\"queries\":{}}"));

        // logs, gzipped as with --logger_tls_compress
        ObjectNode results = withKey(nodeKey).put("log_type", "result");
        results.putArray("data").addObject().put("name", "pack/monitoring/processes")
                .put("hostIdentifier", "4C4C4544-0042-3010-8052-B4C04F4E4E32")
                .put("calendarTime", "Fri Mar  1 12:00:01 2024 UTC").put("unixTime", 1709294401).put("epoch", 0)
                .put("counter", 0).put("numerics", false).put("action", "added")
                .putObject("columns").put("pid", "1").put("name", "systemd\ninit");
        assertThat(osqueryd.postGzip("/log", results).statusCode()).isEqualTo(200);
        ObjectNode status = withKey(nodeKey).put("log_type", "status");
        status.putArray("data").addObject().put("hostIdentifier", "4C4C4544-0042-3010-8052-B4C04F4E4E32")
                .put("severity", "0").put("filename", "scheduler.cpp").put("line", "83")
                .put("message", "Executing scheduled query pack/monitoring/processes").put("version", "5.12.1");
        assertThat(osqueryd.post("/log", status).statusCode()).isEqualTo(200);
        logs.flush();
        assertThat(lines(resultLogFile())).singleElement().satisfies(line -> {
            assertThat(osqueryd.parse(line)).isEqualTo(results.get("data").get(0));
            assertThat(line).contains("systemd\\ninit");
        });
        assertThat(lines(statusLogFile())).singleElement()
                .satisfies(line -> assertThat(osqueryd.parse(line)).isEqualTo(status.get("data").get(0)));

        // the host is deleted through the REST side: node_invalid, then a new enrollment and a new key
        ds.hosts().delete(host.id());
        osquery.evictHost(host.id());
        HttpResponse<String> refused = osqueryd.post("/config", withKey(nodeKey));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(osqueryd.parse(refused.body()).get("node_invalid").asBoolean()).isTrue();
        assertThat(refused.body()).doesNotContain(nodeKey);

        String newKey = enrollOverHttp("4C4C4544-0042-3010-8052-B4C04F4E4E32", "web-01.example.com");
        assertThat(newKey).isNotEqualTo(nodeKey);
        assertThat(osqueryd.post("/distributed/read", withKey(newKey)).statusCode()).isEqualTo(200);
    }

    @Test
    void aHostEnrolledWithoutDetailsIsAcceleratedAndMayAuthenticateByHeaderAlone() {
        ObjectNode bare = osqueryd.object().put("enroll_secret", SECRET).put("host_identifier", "bare-1");
        String nodeKey = osqueryd.parse(osqueryd.post("/enroll", bare).body()).get("node_key").asText();

        HttpResponse<String> read = osqueryd.postRaw("/distributed/read", new byte[0],
                "Authorization", "NodeKey " + nodeKey);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(osqueryd.parse(read.body()).get("accelerate").asInt()).isEqualTo(10);
        assertThat(osqueryd.postRaw("/config", "{}".getBytes(), "Authorization", "nodekey " + nodeKey).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aFileCarveTravelsInBase64BlocksAndIsReassembled() throws IOException {
        String nodeKey = enrollOverHttp("uuid-carve", "web-01.example.com");
        byte[] carve = new byte[20_000];
        new Random(7).nextBytes(carve);
        ObjectNode begin = withKey(nodeKey).put("block_count", 3).put("block_size", 8192)
                .put("carve_size", carve.length).put("carve_id", "b2c41a1c-0f0c-4b6f-9a64-5ad3c1c0e1a7")
                .put("request_id", "kolide_distributed_query_17");

        HttpResponse<String> started = osqueryd.post("/carve/begin", begin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode session = osqueryd.parse(started.body());
        assertThat(session.get("success").asBoolean()).isTrue();
        String sessionId = session.get("session_id").asText();

        for (int block = 0; block < 3; block++) {
            byte[] bytes = Arrays.copyOfRange(carve, block * 8192, Math.min(carve.length, (block + 1) * 8192));
            ObjectNode body = osqueryd.object().put("block_id", block).put("session_id", sessionId)
                    .put("request_id", "kolide_distributed_query_17")
                    .put("data", Base64.getEncoder().encodeToString(bytes));
            HttpResponse<String> sent = osqueryd.post("/carve/block", body);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(osqueryd.parse(sent.body())).isEqualTo(osqueryd.parse("{\"success\":true}"));
        }

        long carveId = ds.carves().findBySessionId(sessionId).orElseThrow().id();
        try (InputStream content = ds.carves().openContent(carveId)) {
            assertThat(content.readAllBytes()).isEqualTo(carve);
        }
    }

    @Test
    void aLogDestinationFailureIsA500SoThatOsqueryKeepsItsLogs() {
        LogDestination full = new LogDestination() {
            @Override
            public void write(List<String> lines) {
                throw new LogDestinationException("writing to /var/log/fleet/osquery_result: No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void reopen() {}

            @Override
            public void close() {}
        };
        SecureRandom random = new SecureRandom();
        OsqueryService failing = OsqueryModule.create(ds, new LogDestinations(full, full), LiveQuerySource.none(),
                new NodeKeys(24, random), random, clock, OsqueryModule.Settings.defaults()).service();
        try (TestHttpServer failingServer = TestHttpServer.builder()
                .setup(setup -> OsqueryRoutes.register(setup.routes(), failing, setup.codec()))
                .start()) {
            OsqueryHttpClient client = new OsqueryHttpClient(failingServer);
            String nodeKey = client.parse(client.post("/enroll", enrollBody("uuid-full", "web-01")).body())
                    .get("node_key").asText();
            ObjectNode batch = withKey(nodeKey).put("log_type", "result");
            batch.putArray("data").addObject().put("name", "pack/monitoring/processes");

            HttpResponse<String> response = client.post("/log", batch);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(client.parse(response.body()))
                    .isEqualTo(client.parse("{\"error\":\"the logs could not be stored; send them again\"}"));
        }
    }

    @Test
    void neitherNodeKeysNorSecretsNorSessionIdsAppearInFleetsLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger fleet = context.getLogger("dev.kolide");
        Level level = fleet.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        fleet.addAppender(captured);
        fleet.setLevel(Level.DEBUG);
        try {
            String nodeKey = enrollOverHttp("uuid-quiet", "web-01");
            osqueryd.post("/config", withKey(nodeKey));
            osqueryd.post("/distributed/read", withKey(nodeKey));
            osqueryd.post("/distributed/write", osqueryd.parse("{\"node_key\":\"" + nodeKey
                    + "\",\"queries\":{\"kolide_label_query_1\":[]},\"statuses\":{\"kolide_label_query_1\":1}}"));
            osqueryd.post("/log", withKey(nodeKey).put("log_type", "nonsense").set("data", osqueryd.object()));
            osqueryd.post("/config", withKey("wrong-" + nodeKey));
            osqueryd.post("/enroll", osqueryd.object().put("enroll_secret", "wrong-" + SECRET).put("host_identifier", "x"));
            String sessionId = osqueryd.parse(osqueryd.post("/carve/begin", withKey(nodeKey).put("block_count", 1)
                    .put("block_size", 10).put("carve_size", 10).put("carve_id", "c").put("request_id", "r")).body())
                    .get("session_id").asText();
            osqueryd.post("/carve/block", osqueryd.object().put("block_id", 5).put("session_id", sessionId)
                    .put("request_id", "r").put("data", "AAAA"));
        } finally {
            fleet.detachAppender(captured);
            fleet.setLevel(level);
        }

        String everything = String.join("\n", captured.list.stream()
                .map(event -> event.getFormattedMessage() + " " + event.getKeyValuePairs()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .toList());
        assertThat(captured.list).as("the refusals were logged at debug").isNotEmpty();
        assertThat(everything).doesNotContain(SECRET);
        Host host = ds.hosts().findByIdentifier("uuid-quiet").orElseThrow();
        assertThat(everything).doesNotContain(host.nodeKey());
        ds.carves().list(ListOptions.all())
                .forEach(carve -> assertThat(everything).doesNotContain(carve.sessionId()));
    }
}
