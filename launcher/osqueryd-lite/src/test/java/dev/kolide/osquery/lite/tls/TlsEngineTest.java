package dev.kolide.osquery.lite.tls;

import static dev.kolide.osquery.lite.OsquerydLite.withConfigPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigRefresh;
import static dev.kolide.osquery.lite.OsquerydLite.withDatabasePath;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsSocket;
import static dev.kolide.osquery.lite.OsquerydLite.withHostIdentifier;
import static dev.kolide.osquery.lite.OsquerydLite.withHostUuid;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPlugins;
import static dev.kolide.osquery.lite.OsquerydLite.withPidfile;
import static dev.kolide.osquery.lite.OsquerydLite.withScheduleSplayPercent;
import static dev.kolide.osquery.lite.OsquerydLite.withTls;
import static dev.kolide.osquery.lite.OsquerydLite.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.kit.tls.Pem;
import dev.kolide.osquery.lite.OsquerydLite;
import dev.kolide.kit.testing.ShortTempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * osqueryd-lite with {@code --config_plugin=tls --logger_plugin=tls --distributed_plugin=tls} against a fake
 * fleet, as launcher's {@code --transport=osquery} runs osqueryd: real timers, one-second intervals.
 */
class TlsEngineTest {
    private static final String CONFIG = """
            {"schedule": {"numbers": {"query": "select 1 as n union all select 2 union all select 3",
                                      "interval": 1}},
             "options": {"distributed_interval": 1, "logger_tls_period": 1}}
            """;

    private final ShortTempDir dir = new ShortTempDir();
    private TlsTestSetup setup;
    private FakeFleet fleet;
    private OsquerydLite lite;

    @BeforeEach
    void startFleet() throws Exception {
        setup = new TlsTestSetup(dir.path());
        fleet = new FakeFleet(setup.certificates);
        fleet.config.set(CONFIG);
    }

    @AfterEach
    void stopAll() {
        if (lite != null) {
            lite.stop();
        }
        fleet.close();
        dir.close();
    }

    private void startEngine(TlsOptions tls) throws Exception {
        lite = OsquerydLite.create(withVersion("9.9.9-lite"), withExtensionsSocket(dir.resolve("osquery.em")),
                withExtensionsDisabled(true), withPidfile(dir.resolve("osquery.pid")),
                withDatabasePath(dir.resolve("osquery.db")), withConfigPlugin("tls"), withLoggerPlugins(List.of("tls")),
                withDistributedPlugin("tls"), withDistributedDisabled(false),
                withDistributedInterval(Duration.ofSeconds(60)), withConfigRefresh(Duration.ofSeconds(1)),
                withHostIdentifier("uuid"), withHostUuid("HOST-UUID-1"), withScheduleSplayPercent(0), withTls(tls));
        lite.start();
    }

    private static List<JsonNode> data(List<JsonNode> logs) {
        return logs.stream().flatMap(log -> StreamSupport.stream(log.get("data").spliterator(), false)).toList();
    }

    @Test
    void itEnrollsAppliesTheConfigAndSendsResultAndStatusLogs() throws Exception {
        startEngine(setup.options(fleet).loggerPeriod(Duration.ofSeconds(30)).build());

        // logger_tls_period 1 from the config overrides the flag's 30 s, as osquery's config options do.
        await().atMost(Duration.ofSeconds(15)).until(() -> data(fleet.logs("result")).size() >= 3
                && data(fleet.logs("status")).stream().anyMatch(s -> s.path("m").asText().contains("started")));

        JsonNode enroll = fleet.calls("/enroll").get(0).body();
        assertThat(enroll.get("host_identifier").asText()).isEqualTo("HOST-UUID-1");
        assertThat(enroll.at("/host_details/osquery_info/version").asText()).isEqualTo("9.9.9-lite");
        assertThat(enroll.at("/host_details/system_info").isObject()).isTrue();
        assertThat(enroll.at("/host_details/os_version").isObject()).isTrue();
        assertThat(data(fleet.logs("result"))).extracting(line -> line.get("name").asText()).contains("numbers");
        assertThat(data(fleet.logs("result"))).extracting(line -> line.at("/columns/n").asText())
                .contains("1", "2", "3");
        assertThat(data(fleet.logs("result"))).allSatisfy(line ->
                assertThat(line.get("hostIdentifier").asText()).isEqualTo("HOST-UUID-1"));
        JsonNode status = data(fleet.logs("status")).get(0);
        assertThat(status.fieldNames()).toIterable().containsExactly("s", "f", "i", "m", "c", "u", "h");
        assertThat(fleet.calls("/log")).allSatisfy(call ->
                assertThat(call.body().get("node_key").asText()).isEqualTo("key-1"));
    }

    @Test
    void aDistributedQueryIsReadRunAndWrittenBack() throws Exception {
        fleet.nextQueries.set("{\"queries\":{\"kolide_distributed_query_1\":\"select version from osquery_info\","
                + "\"kolide_distributed_query_2\":\"select * from nope\"}}");

        startEngine(setup.options(fleet).build());

        await().atMost(Duration.ofSeconds(15)).until(() -> !fleet.calls("/distributed/write").isEmpty());
        JsonNode write = fleet.calls("/distributed/write").get(0).body();
        assertThat(write.get("node_key").asText()).isEqualTo("key-1");
        assertThat(write.at("/queries/kolide_distributed_query_1/0/version").asText()).isEqualTo("9.9.9-lite");
        assertThat(write.at("/queries/kolide_distributed_query_2").isArray()).isTrue();
        assertThat(write.at("/statuses/kolide_distributed_query_1").asInt()).isZero();
        assertThat(write.at("/statuses/kolide_distributed_query_2").asInt()).isEqualTo(1);
        assertThat(write.at("/messages/kolide_distributed_query_2").asText()).contains("no such table");
    }

    @Test
    void nodeInvalidOnAConfigRefreshLeadsToANewEnrollmentAndARetry() throws Exception {
        startEngine(setup.options(fleet).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> !fleet.calls("/config").isEmpty());

        fleet.invalidateKeys();

        await().atMost(Duration.ofSeconds(15)).until(() -> fleet.calls("/config").stream()
                .anyMatch(c -> c.body().get("node_key").asText().equals("key-2")));
        assertThat(fleet.calls("/enroll")).hasSize(2);
    }

    @Test
    void aWrongCaFailsEveryRequestWithoutStoppingTheEngine() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        Pem.writeCertificates(otherCa, List.of(TlsTestSetup.generate().ca()));

        startEngine(setup.options(fleet).serverCerts(otherCa).configMaxAttempts(1).build());
        Thread.sleep(2000);

        assertThat(fleet.calls).isEmpty();
        assertThat(dir.resolve("osquery.pid")).exists(); // still running
    }
}
