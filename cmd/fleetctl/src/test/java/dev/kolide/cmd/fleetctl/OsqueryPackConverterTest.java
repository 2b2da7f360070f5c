package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.client.PackSpec;
import dev.kolide.fleet.client.QuerySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OsqueryPackConverterTest {
    private final SpecFiles files = new SpecFiles();
    private final OsqueryPackConverter converter = new OsqueryPackConverter(files);

    private static String samplePack() throws IOException {
        try (InputStream in = OsqueryPackConverterTest.class.getResourceAsStream("/incident-response.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anOsqueryPackBecomesAPackSchedulingOneQuerySpecPerQuery() throws IOException {
        OsqueryPackConverter.Conversion conversion = converter.convert(samplePack(), "incident-response", "t");

        List<SpecDocument> documents = conversion.documents();
        assertThat(documents).extracting(SpecDocument::kind)
                .containsExactly(SpecKind.PACK, SpecKind.QUERY, SpecKind.QUERY, SpecKind.QUERY);
        PackSpec pack = files.specAs(documents.get(0), PackSpec.class, "t");
        assertThat(pack.name()).isEqualTo("incident-response");
        assertThat(pack.platform()).isEqualTo("posix");
        assertThat(pack.queries()).containsExactly(
                new PackSpec.PackQuery("launchd", "launchd",
                        "Retrieves all the daemons that will run in the start of the target OSX system.", 3600,
                        null, null, null, "darwin", "1.4.5"),
                new PackSpec.PackQuery("crontab", "crontab",
                        "Retrieves all the jobs scheduled in crontab in the target system.", 3600, true, null,
                        null, null, "1.4.5"),
                new PackSpec.PackQuery("open_sockets", "open_sockets",
                        "Retrieves all the open sockets per process in the target system.", 86400, null, false,
                        50, null, "1.4.5"));
        QuerySpec sockets = files.specAs(documents.get(3), QuerySpec.class, "t");
        assertThat(sockets.query()).isEqualTo("select distinct pid, family, protocol, local_address, local_port, "
                + "remote_address, remote_port, path from process_open_sockets where path <> '' or remote_address"
                + " <> '';");
    }

    @Test
    void discoveryQueriesAreReportedAsLeftOut() throws IOException {
        assertThat(converter.convert(samplePack(), "ir", "t").warnings()).singleElement().asString()
                .contains("discovery");
    }

    @Test
    void theYamlOutputIsReadBackAsTheSameSpecs() throws IOException {
        List<SpecDocument> documents = converter.convert(samplePack(), "ir", "t").documents();

        assertThat(files.parse(files.toYaml(documents), "round trip")).isEqualTo(documents);
    }

    @Test
    void aQueryWithoutSqlOrANonNumericIntervalIsRefusedNamingTheQuery() {
        assertThatThrownBy(() -> converter.convert("{\"queries\":{\"x\":{\"interval\":60}}}", "p", "pack.conf"))
                .isInstanceOf(CliException.class).hasMessageContaining("pack.conf").hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> converter.convert(
                "{\"queries\":{\"y\":{\"query\":\"select 1;\",\"interval\":\"hourly\"}}}", "p", "pack.conf"))
                .isInstanceOf(CliException.class).hasMessageContaining("\"y\"").hasMessageContaining("interval");
    }

    @Test
    void somethingThatIsNotAPackIsRefused() {
        assertThatThrownBy(() -> converter.convert("{\"options\":{}}", "p", "osquery.conf"))
                .isInstanceOf(CliException.class).hasMessageContaining("no \"queries\"");
        assertThatThrownBy(() -> converter.convert("not json", "p", "osquery.conf"))
                .isInstanceOf(CliException.class).hasMessageContaining("not valid JSON");
    }
}
