package dev.kolide.fleet.service.osquery.detail;

import static dev.kolide.fleet.service.osquery.testing.OsqueryRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each detail query's rows, shaped as osquery sends them (values as strings), and what they set on the host:
 * realistic results, empty results, odd values.
 */
class DetailIngestTest {

    /** What a host already knew, so that "left as it was" is visible. */
    private static final HostInventory KNOWN = new HostInventory("old-host", "old-uuid", "centos", "rhel", "4.9.0",
            "CentOS Linux 7.9.2009", "", "Core", Duration.ofSeconds(5), 1024, "i686", "", "old cpu", 1, 2, "v", "m",
            "1", "sn", "old", "192.168.1.5", "aa:bb:cc:dd:ee:ff");
    private static final HostIntervals KNOWN_INTERVALS = new HostIntervals(60, 300, 60);

    private static Arguments detailCase(String detail, List<Map<String, String>> rows,
            Function<HostDetails, Object> field, Object expected) {
        return Arguments.of(detail, rows, field, expected);
    }

    static Stream<Arguments> cases() {
        Function<HostDetails, Object> ip = h -> h.inventory().primaryIp();
        Function<HostDetails, Object> mac = h -> h.inventory().primaryMac();
        Function<HostDetails, Object> osVersion = h -> h.inventory().osVersion();
        Function<HostDetails, Object> platform = h -> h.inventory().platform();
        Function<HostDetails, Object> intervals = HostDetails::intervals;
        Function<HostDetails, Object> memory = h -> h.inventory().physicalMemory();
        Function<HostDetails, Object> cores = h -> h.inventory().cpuPhysicalCores();
        Function<HostDetails, Object> uptime = h -> h.inventory().uptime();
        return Stream.of(
                // network_interface: busiest first, skipping loopback and link-local, IPv4 preferred
                detailCase("network_interface", OsqueryRows.networkInterfaces(), ip, "10.0.4.17"),
                detailCase("network_interface", OsqueryRows.networkInterfaces(), mac, "02:42:ac:11:00:02"),
                detailCase("network_interface", List.of(row("address", "2001:db8::1", "mac", "02:00:00:00:00:01"),
                        row("address", "10.1.1.1", "mac", "02:00:00:00:00:02")), ip, "10.1.1.1"),
                detailCase("network_interface", List.of(row("address", "::1", "mac", "00:00:00:00:00:00"),
                        row("address", "fe80::1%en0", "mac", "a0:00:00:00:00:01"),
                        row("address", "2001:db8::1", "mac", "02:00:00:00:00:01")), ip, "2001:db8::1"),
                detailCase("network_interface", List.of(row("address", "169.254.10.1", "mac", "02:00:00:00:00:03"),
                        row("address", "127.0.0.1", "mac", "00:00:00:00:00:00")), ip, "192.168.1.5"),
                detailCase("network_interface", List.of(row("address", "not-an-ip", "mac", "02:00:00:00:00:04"),
                        row("address", "", "mac", "02:00:00:00:00:05"),
                        row("address", "10.0.0.999", "mac", "02:00:00:00:00:06")), ip, "192.168.1.5"),
                detailCase("network_interface", List.of(), ip, "192.168.1.5"),
                detailCase("network_interface", List.of(row("address", "10.2.2.2",
                        "mac", "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:1b:2c")), mac, ""),
                detailCase("network_interface", List.of(row("address", "::ffff:10.3.3.3", "mac", "02:00:00:00:00:07"),
                        row("address", "10.4.4.4", "mac", "02:00:00:00:00:08")), ip, "::ffff:10.3.3.3"),
                // os_version
                detailCase("os_version", List.of(OsqueryRows.ubuntuOsVersion()), osVersion, "Ubuntu 22.4.0"),
                detailCase("os_version", List.of(OsqueryRows.macOsVersion()), osVersion, "macOS 14.4.1"),
                detailCase("os_version", List.of(OsqueryRows.macOsVersion()), h -> h.inventory().build(), "23E224"),
                detailCase("os_version", List.of(OsqueryRows.ubuntuOsVersion()), h -> h.inventory().codeName(),
                        "jammy"),
                detailCase("os_version", List.of(OsqueryRows.ubuntuOsVersion()), h -> h.inventory().platformLike(),
                        "debian"),
                detailCase("os_version", List.of(row("name", "Microsoft Windows 10 Pro", "major", "10", "minor", "",
                        "patch", "", "platform", "windows")), osVersion, "Microsoft Windows 10 Pro 10"),
                detailCase("os_version", List.of(row("name", "CentOS release 6.10 (Final)", "major", "6", "minor",
                        "10", "patch", "0", "platform", "")), platform, "centos"),
                detailCase("os_version", List.of(row("name", "Ubuntu", "platform", "ubuntu", "code_name", "focal")),
                        h -> h.inventory().codeName(), "focal"),
                detailCase("os_version", List.of(row("name", "Ubuntu", "platform", "ubuntu")),
                        h -> h.inventory().build(), ""),
                detailCase("os_version", List.of(), osVersion, "CentOS Linux 7.9.2009"),
                // osquery_flags
                detailCase("osquery_flags", OsqueryRows.osqueryFlags(), intervals, new HostIntervals(10, 10, 10)),
                detailCase("osquery_flags", List.of(row("name", "config_tls_refresh", "value", "120"),
                        row("name", "config_refresh", "value", "30")), intervals, new HostIntervals(60, 120, 60)),
                detailCase("osquery_flags", List.of(row("name", "distributed_interval", "value", "ten"),
                        row("name", "logger_tls_period", "value", "-5"),
                        row("name", "config_refresh", "value", "")), intervals, new HostIntervals(60, 0, 60)),
                detailCase("osquery_flags", List.of(), intervals, KNOWN_INTERVALS),
                // osquery_info
                detailCase("osquery_info", List.of(OsqueryRows.osqueryInfo()), h -> h.inventory().osqueryVersion(),
                        "5.12.1"),
                detailCase("osquery_info", List.of(), h -> h.inventory().osqueryVersion(), "4.9.0"),
                // system_info
                detailCase("system_info", List.of(OsqueryRows.systemInfo("web-01.example.com")),
                        h -> h.inventory().hostname(), "web-01.example.com"),
                detailCase("system_info", List.of(OsqueryRows.systemInfo("web-01.example.com")), memory,
                        16_777_216_000L),
                detailCase("system_info", List.of(OsqueryRows.systemInfo("web-01.example.com")),
                        h -> h.inventory().hardwareSerial(), "8XJ2KQ2"),
                detailCase("system_info", List.of(OsqueryRows.systemInfo("web-01.example.com")),
                        h -> h.inventory().computerName(), "web-01"),
                detailCase("system_info", List.of(row("hostname", "h", "physical_memory", "",
                        "cpu_physical_cores", "")), memory, 0L),
                detailCase("system_info", List.of(row("hostname", "h", "physical_memory", "lots",
                        "cpu_physical_cores", "99999999999")), cores, 1),
                detailCase("system_info", List.of(row("hostname", "h".repeat(300))),
                        h -> h.inventory().hostname().length(), 255),
                // uptime
                detailCase("uptime", List.of(OsqueryRows.uptime()), uptime, Duration.ofSeconds(273_906)),
                detailCase("uptime", List.of(row("total_seconds", " 42 ")), uptime, Duration.ofSeconds(42)),
                detailCase("uptime", List.of(row("total_seconds", "1.5")), uptime, Duration.ofSeconds(5)),
                detailCase("uptime", List.of(), uptime, Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1} -> {3}")
    @MethodSource("cases")
    void rowsSetTheHostsFields(String detail, List<Map<String, String>> rows, Function<HostDetails, Object> field,
            Object expected) {
        HostDetails host = HostDetails.of(KNOWN, KNOWN_INTERVALS);

        DetailQueries.kolide().byName(detail).orElseThrow().ingest(rows, host);

        assertThat(field.apply(host)).isEqualTo(expected);
    }

    @Test
    void aWholeUbuntuAnswerFillsEveryField() {
        HostDetails host = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());
        DetailQueries queries = DetailQueries.kolide();

        OsqueryRows.ubuntuDetails("web-01.example.com").forEach((name, rows) ->
                queries.byName(name.substring("kolide_detail_query_".length())).orElseThrow().ingest(rows, host));

        assertThat(host.inventory()).isEqualTo(new HostInventory("web-01.example.com",
                "4C4C4544-0042-3010-8052-B4C04F4E4E32", "ubuntu", "debian", "5.12.1", "Ubuntu 22.4.0", "", "jammy",
                Duration.ofSeconds(273_906), 16_777_216_000L, "x86_64", "158",
                "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz", 4, 8, "Dell Inc.", "PowerEdge R640", "", "8XJ2KQ2",
                "web-01", "10.0.4.17", "02:42:ac:11:00:02"));
        assertThat(host.intervals()).isEqualTo(new HostIntervals(10, 10, 10));
    }

    @Test
    void osVersionDropsOnlyTheTrailingPartsOsqueryLeftEmpty() {
        assertThat(OsVersionDetail.osVersion("Ubuntu", "22", "4", "0")).isEqualTo("Ubuntu 22.4.0");
        assertThat(OsVersionDetail.osVersion("Windows", "10", "", "")).isEqualTo("Windows 10");
        assertThat(OsVersionDetail.osVersion("Arch Linux", "", "", "")).isEqualTo("Arch Linux");
        assertThat(OsVersionDetail.osVersion("X", "1", "", "3")).isEqualTo("X 1..3");
    }

    @Test
    void longTextIsCutToItsColumnWithoutSplittingASurrogatePair() {
        HostDetails host = HostDetails.of(HostInventory.empty(), HostIntervals.unknown());
        String name = "a".repeat(254) + "\uD83D\uDE00" + "tail";

        host.hostname(name);

        assertThat(host.inventory().hostname()).isEqualTo("a".repeat(254));
    }
}
