package dev.kolide.osquery.lite.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.tls.Pem;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls plugins against a fake fleet, called as the engine calls them. */
class TlsPluginsTest {
    private static final Map<String, List<Map<String, String>>> TABLES = Map.of(
            "select * from osquery_info", List.of(Map.of("version", "9.9.9-lite", "uuid", "HOST-1")),
            "select * from os_version", List.of(Map.of("name", "Ubuntu", "platform", "ubuntu")),
            "select * from system_info", List.of(Map.of("hostname", "box", "uuid", "HOST-1")));

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private TlsTestSetup setup;
    private FakeFleet fleet;

    @BeforeEach
    void start() throws Exception {
        setup = new TlsTestSetup(dir);
        fleet = new FakeFleet(setup.certificates);
        fleet.config.set("{\"schedule\":{\"q\":{\"query\":\"select 1\",\"interval\":10}}}");
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    private TlsPlugins plugins(TlsOptions options) {
        return new TlsPlugins(options, "9.9.9-lite", () -> "HOST-1", this::rows, dir.resolve("db"), json);
    }

    private List<Map<String, String>> rows(String sql) {
        List<Map<String, String>> rows = TABLES.get(sql);
        if (rows == null) {
            throw new IllegalArgumentException("no such table"); // platform_info, as in osqueryd-lite
        }
        return rows;
    }

    private static Plugin plugin(TlsPlugins plugins, String registry) {
        return plugins.plugins().stream().filter(p -> p.registry().equals(registry)).findFirst().orElseThrow();
    }

    private static ExtensionResponse genConfig(TlsPlugins plugins) {
        return plugin(plugins, Registries.CONFIG).call(Map.of("action", "genConfig"));
    }

    @Test
    void enrollmentSendsSecretIdentifierPlatformAndHostDetailsThenConfigComesWithTheNodeKey() throws Exception {
        ExtensionResponse config = genConfig(plugins(setup.options(fleet).build()));

        assertThat(config.isOk()).as(config.status().message()).isTrue();
        assertThat(json.readTree(config.response().get(0).get("tls_plugin")))
                .isEqualTo(json.readTree(fleet.config.get()));
        JsonNode enroll = fleet.calls("/enroll").get(0).body();
        assertThat(enroll.get("enroll_secret").asText()).isEqualTo(FakeFleet.SECRET);
        assertThat(enroll.get("host_identifier").asText()).isEqualTo("HOST-1");
        assertThat(enroll.get("platform_type").asText()).isEqualTo("9");
        assertThat(enroll.get("host_details").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("os_version", "osquery_info", "system_info");
        assertThat(enroll.at("/host_details/osquery_info/version").asText()).isEqualTo("9.9.9-lite");
        assertThat(fleet.calls("/config").get(0).body()).isEqualTo(json.readTree("{\"node_key\":\"key-1\"}"));
        assertThat(Files.readString(dir.resolve("db").resolve(NodeKeyStore.FILE)).strip()).isEqualTo("key-1");
    }

    @Test
    void nodeInvalidMakesItEnrollAgainAndRetryOnce() {
        TlsPlugins plugins = plugins(setup.options(fleet).build());
        assertThat(genConfig(plugins).isOk()).isTrue();

        fleet.invalidateKeys();
        ExtensionResponse again = genConfig(plugins);

        assertThat(again.isOk()).as(again.status().message()).isTrue();
        assertThat(fleet.calls("/enroll")).hasSize(2);
        assertThat(fleet.calls("/config")).extracting(c -> c.body().get("node_key").asText())
                .containsExactly("key-1", "key-1", "key-2");
    }

    @Test
    void aRestartUsesTheStoredNodeKeyInsteadOfEnrollingAgain() {
        assertThat(genConfig(plugins(setup.options(fleet).build())).isOk()).isTrue();

        assertThat(genConfig(plugins(setup.options(fleet).build())).isOk()).isTrue();

        assertThat(fleet.calls("/enroll")).hasSize(1);
        assertThat(fleet.calls("/config")).extracting(c -> c.body().get("node_key").asText())
                .containsExactly("key-1", "key-1");
    }

    @Test
    void distributedQueriesAreReadAndResultsWrittenWithStatusesAndMessagesAndArraysForFailures() throws Exception {
        Plugin distributed = plugin(plugins(setup.options(fleet).build()), Registries.DISTRIBUTED);
        fleet.nextQueries.set("{\"queries\":{\"q1\":\"select 1 as one\"},\"accelerate\":60}");

        ExtensionResponse read = distributed.call(Map.of("action", "getQueries"));
        String body = DistributedResult.toJson(List.of(DistributedResult.ok("q1", List.of(Map.of("one", "1"))),
                DistributedResult.failed("bad", "no such table: nope")), Map.of(), json);
        ExtensionResponse written = distributed.call(Map.of("action", "writeResults", "results", body));

        assertThat(read.isOk()).as(read.status().message()).isTrue();
        assertThat(json.readTree(read.response().get(0).get("results")))
                .isEqualTo(json.readTree("{\"queries\":{\"q1\":\"select 1 as one\"},\"accelerate\":60}"));
        assertThat(written.isOk()).as(written.status().message()).isTrue();
        JsonNode write = fleet.calls("/distributed/write").get(0).body();
        assertThat(write.get("node_key").asText()).isEqualTo("key-1");
        assertThat(write.get("queries")).isEqualTo(json.readTree("{\"q1\":[{\"one\":\"1\"}],\"bad\":[]}"));
        assertThat(write.get("statuses")).isEqualTo(json.readTree("{\"q1\":0,\"bad\":1}"));
        assertThat(write.get("messages")).isEqualTo(json.readTree("{\"bad\":\"no such table: nope\"}"));
    }

    @Test
    void aServerCertificateFromAnotherCaFailsWithAClearMessageAndNoRequestArrives() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        Pem.writeCertificates(otherCa, List.of(TlsTestSetup.generate().ca()));

        ExtensionResponse config = genConfig(plugins(setup.options(fleet).serverCerts(otherCa).build()));

        assertThat(config.isOk()).isFalse();
        assertThat(config.status().message()).contains("error getting config", "TLS handshake failed",
                otherCa + " (--tls_server_certs)");
        assertThat(fleet.calls).isEmpty();
    }

    @Test
    void withoutServerCertsTheJdkRootsDoNotTrustADevelopmentCa() {
        ExtensionResponse config = genConfig(plugins(setup.options(fleet).serverCerts(null).build()));

        assertThat(config.status().message()).contains("give its CA with --tls_server_certs");
    }

    @Test
    void aWrongEnrollSecretIsRefusedAndSaysSo() throws Exception {
        Files.writeString(setup.secretFile, "wrong");

        ExtensionResponse config = genConfig(plugins(setup.options(fleet).configMaxAttempts(1).build()));

        assertThat(config.status().message()).contains("refused the enrollment", setup.secretFile.toString());
    }
}
