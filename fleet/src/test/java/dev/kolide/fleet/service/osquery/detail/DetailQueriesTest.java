package dev.kolide.fleet.service.osquery.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The six detail queries carry Kolide Fleet's exact SQL (reference §1.4), and enrollment details feed them. */
class DetailQueriesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            network_interface | select address, mac from interface_details id join interface_addresses ia on ia.interface = id.interface where length(mac) > 0 order by (ibytes + obytes) desc
            os_version        | select * from os_version limit 1
            osquery_flags     | select name, value from osquery_flags where name in ("distributed_interval","config_tls_refresh","config_refresh","logger_tls_period")
            osquery_info      | select * from osquery_info limit 1
            system_info       | select * from system_info limit 1
            uptime            | select * from uptime limit 1
            """)
    void eachDetailQuerySendsKolideFleetsSql(String name, String sql) {
        DetailQueries queries = DetailQueries.kolide();

        assertThat(queries.byName(name)).get().extracting(DetailQuery::sql).isEqualTo(sql);
        assertThat(queries.sqlByName()).containsEntry(name, sql);
    }

    @Test
    void thereAreExactlyKolideFleetsSixDetailQueries() {
        assertThat(DetailQueries.kolide().sqlByName()).containsOnlyKeys("network_interface", "os_version",
                "osquery_flags", "osquery_info", "system_info", "uptime");
        assertThat(DetailQueries.kolide().byName("users")).isEmpty();
    }

    @Test
    void enrollmentHostDetailsFillTheInventoryFromOsVersionOsqueryInfoAndSystemInfo() {
        HostDetails host = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());

        DetailQueries.kolide().ingestEnrollDetails(OsqueryRows.ubuntuHostDetails("web-01.example.com"), host);

        HostInventory inventory = host.inventory();
        assertThat(inventory.hostname()).isEqualTo("web-01.example.com");
        assertThat(inventory.platform()).isEqualTo("ubuntu");
        assertThat(inventory.osVersion()).isEqualTo("Ubuntu 22.4.0");
        assertThat(inventory.osqueryVersion()).isEqualTo("5.12.1");
        assertThat(inventory.cpuLogicalCores()).isEqualTo(8);
        // Only the detail queries know these.
        assertThat(inventory.uptime()).isEqualTo(Duration.ZERO);
        assertThat(inventory.primaryIp()).isEmpty();
    }

    @Test
    void missingOrEmptyEnrollmentDetailsChangeNothing() {
        HostDetails host = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());

        DetailQueries.kolide().ingestEnrollDetails(Map.of("os_version", Map.of(), "platform_info",
                OsqueryRows.row("vendor", "x")), host);

        assertThat(host.inventory()).isEqualTo(HostInventory.empty());
    }
}
