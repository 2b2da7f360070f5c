package dev.kolide.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.detail.DetailQueries;
import dev.kolide.fleet.service.osquery.detail.HostDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The templated answers, read back with fleet's own detail query handlers. */
class HostTemplatesTest {
    private final ObjectMapper json = new ObjectMapper();
    private final HostTemplates templates = new HostTemplates(new HostTemplates.Intervals(Duration.ofSeconds(10),
            Duration.ofMinutes(1), Duration.ofSeconds(10)), 0.2,
            Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC), json);
    private final DetailQueries fleetDetails = DetailQueries.kolide();

    @Test
    void everyDetailQueryOfFleetIsAnsweredAndIngestedIntoTheHostsInventory() {
        HostIdentity host = HostIdentity.of("perf-host", 41);
        HostDetails details = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());

        fleetDetails.sqlByName().forEach((name, sql) -> {
            QueryAnswer answer = templates.answer(host, HostTemplates.DETAIL_PREFIX + name, sql, new Random(1));
            assertThat(answer.status()).isZero();
            assertThat(answer.rows()).as(name).isNotEmpty();
            fleetDetails.byName(name).orElseThrow().ingest(answer.rows(), details);
        });

        HostInventory inventory = details.inventory();
        assertThat(inventory.hostname()).isEqualTo("perf-host-00041");
        assertThat(inventory.uuid()).isEqualTo(host.uuid());
        assertThat(inventory.platform()).isEqualTo("darwin");
        assertThat(inventory.osVersion()).isEqualTo("macOS 14.4.1");
        assertThat(inventory.osqueryVersion()).isEqualTo("5.12.1");
        assertThat(inventory.primaryIp()).isEqualTo("10.0.0.41");
        assertThat(inventory.primaryMac()).isEqualTo("02:42:00:00:00:29");
        assertThat(inventory.physicalMemory()).isEqualTo(17_179_869_184L);
        assertThat(inventory.cpuLogicalCores()).isEqualTo(20);
        assertThat(inventory.hardwareSerial()).isEqualTo("PERF00000029");
        assertThat(inventory.uptime()).isEqualTo(Duration.ofDays(3));
        assertThat(details.intervals()).isEqualTo(new HostIntervals(10, 60, 10));
    }

    @Test
    void enrollDetailsAreWhatFleetReadsAtEnrollment() {
        HostIdentity host = HostIdentity.of("perf-host", 0);
        HostDetails details = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());

        fleetDetails.ingestEnrollDetails(templates.enrollDetails(host), details);

        assertThat(details.inventory().hostname()).isEqualTo("perf-host-00000");
        assertThat(details.inventory().platform()).isEqualTo("ubuntu");
        assertThat(details.inventory().osVersion()).isEqualTo("Ubuntu 22.04.4");
        assertThat(details.inventory().platformLike()).isEqualTo("debian");
    }

    @Test
    void hostsCycleThroughFourPlatformsWithStableIdentities() {
        assertThat(List.of(0, 1, 2, 3, 4)).extracting(i -> HostIdentity.of("p", i).os().platform())
                .containsExactly("ubuntu", "darwin", "windows", "centos", "ubuntu");
        assertThat(HostIdentity.of("p", 7)).isEqualTo(HostIdentity.of("p", 7));
        assertThat(HostIdentity.of("p", 7).uuid()).isNotEqualTo(HostIdentity.of("q", 7).uuid());
    }

    @Test
    void labelQueriesMatchOnlyTheHostsOwnPlatform() {
        HostIdentity ubuntu = HostIdentity.of("perf-host", 0);
        String label = HostTemplates.LABEL_PREFIX + "7";

        assertThat(templates.answer(ubuntu, label, "select 1;", new Random(1)).rows()).containsExactly(Map.of("1",
                "1"));
        assertThat(templates.answer(ubuntu, label, "select 1 from os_version where platform = 'ubuntu';",
                new Random(1)).rows()).hasSize(1);
        assertThat(templates.answer(ubuntu, label, "select 1 from os_version where platform = 'darwin';",
                new Random(1)).rows()).isEmpty();
    }

    @Test
    void liveQueriesFindNoRowsWithTheGivenProbability() {
        HostIdentity host = HostIdentity.of("perf-host", 3);
        Random random = new Random(42);
        int empty = 0;
        for (int i = 0; i < 10_000; i++) {
            QueryAnswer answer = templates.answer(host, HostTemplates.LIVE_PREFIX + "12",
                    "select * from system_info", random);
            if (answer.rows().isEmpty()) {
                empty++;
            } else {
                assertThat(answer.rows().get(0)).containsEntry("hostname", "perf-host-00003");
            }
        }
        assertThat(empty).isBetween(1_800, 2_200);
        assertThat(templates.answer(host, HostTemplates.LIVE_PREFIX + "13", "select name from users",
                new Random(7)).rows()).allSatisfy(row -> assertThat(row).containsKey("hostname"));
    }

    @Test
    void logLinesAreOsqueryShapedJson() throws Exception {
        HostIdentity host = HostIdentity.of("perf-host", 5);

        JsonNode result = json.readTree(templates.resultLog(host, 4));
        JsonNode status = json.readTree(templates.statusLog(host, 4));

        assertThat(result.get("name").asText()).isEqualTo("pack/perf/processes");
        assertThat(result.get("hostIdentifier").asText()).isEqualTo(host.uuid());
        assertThat(result.get("unixTime").asLong()).isEqualTo(1_709_294_400L);
        assertThat(result.get("columns").get("name").asText()).isEqualTo("osqueryd");
        assertThat(result.get("decorations").get("hostname").asText()).isEqualTo("perf-host-00005");
        assertThat(status.get("severity").asText()).isEqualTo("0");
        assertThat(status.get("message").asText()).contains("pack/perf/processes");
    }
}
