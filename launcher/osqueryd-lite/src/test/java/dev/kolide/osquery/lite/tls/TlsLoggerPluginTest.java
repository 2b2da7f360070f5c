package dev.kolide.osquery.lite.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls logger's batches, one flush at a time. */
class TlsLoggerPluginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private FakeFleet fleet;
    private TlsLoggerPlugin logger;
    private LoggerPlugin plugin;

    @BeforeEach
    void start() throws Exception {
        TlsTestSetup setup = new TlsTestSetup(dir);
        fleet = new FakeFleet(setup.certificates);
        TlsOptions options = setup.options(fleet).loggerMaxLines(2).build();
        TlsClient client = new TlsClient(options, "9.9.9-lite", json);
        TlsEnrollment enrollment = new TlsEnrollment(options, client, new NodeKeyStore(dir.resolve("db")),
                () -> "HOST-1", new HostDetails(sql -> List.of(), json), json);
        logger = new TlsLoggerPlugin(options, new TlsNodeApi(client, enrollment, options.retryBackoff()), json);
        plugin = logger.plugin();
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    private void result(int n) {
        assertThat(plugin.call(Map.of("string", "{\"name\":\"q\",\"columns\":{\"n\":\"" + n + "\"}}")).isOk())
                .isTrue();
    }

    private List<String> sentResults() {
        List<String> ns = new ArrayList<>();
        for (JsonNode log : fleet.logs("result")) {
            log.get("data").forEach(line -> ns.add(line.at("/columns/n").asText()));
        }
        return ns;
    }

    @Test
    void resultsGoAsJsonObjectsAtMostMaxLinesPerRequestAndStatusesSeparately() throws Exception {
        for (int n = 1; n <= 5; n++) {
            result(n);
        }
        plugin.call(Map.of("status", "true", "log", "[{\"s\":0,\"f\":\"f\",\"i\":1,\"m\":\"hello\",\"c\":\"c\","
                + "\"u\":1,\"h\":\"HOST-1\"}]"));

        logger.flush(TIMEOUT);

        List<JsonNode> results = fleet.logs("result");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("node_key").asText()).isEqualTo("key-1");
        assertThat(results.get(0).get("data").get(0).isObject()).isTrue();
        assertThat(sentResults()).containsExactly("1", "2");
        assertThat(fleet.logs("status")).singleElement().satisfies(status ->
                assertThat(status.get("data")).isEqualTo(json.readTree("[{\"s\":0,\"f\":\"f\",\"i\":1,"
                        + "\"m\":\"hello\",\"c\":\"c\",\"u\":1,\"h\":\"HOST-1\"}]")));

        logger.flush(TIMEOUT);
        logger.flush(TIMEOUT);

        assertThat(sentResults()).containsExactly("1", "2", "3", "4", "5");
        assertThat(fleet.logs("result")).allSatisfy(log -> assertThat(log.get("data").size()).isLessThanOrEqualTo(2));
    }

    @Test
    void logsAreKeptWhileTheServerFailsAndSentInOrderLater() throws Exception {
        result(1);
        logger.flush(TIMEOUT); // enrolls and sends
        fleet.failing.set(true);
        result(2);
        result(3);

        logger.flush(TIMEOUT);

        assertThat(logger.buffered()).isEqualTo(2);
        fleet.failing.set(false);
        logger.flush(TIMEOUT);

        assertThat(sentResults()).containsExactly("1", "2", "3");
        assertThat(logger.buffered()).isZero();
    }

    @Test
    void aLineOverTheSizeLimitOrNotJsonIsDropped() throws Exception {
        plugin.call(Map.of("string", "not json"));
        plugin.call(Map.of("string", "{\"big\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));
        result(7);

        logger.flush(TIMEOUT);

        assertThat(sentResults()).containsExactly("7");
    }
}
