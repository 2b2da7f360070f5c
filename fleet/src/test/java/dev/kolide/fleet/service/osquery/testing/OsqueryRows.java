package dev.kolide.fleet.service.osquery.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detail query results shaped as osquery 5 sends them (every value a string, the tables' full column sets), for
 * an Ubuntu server and a Mac.
 */
public final class OsqueryRows {

    private OsqueryRows() {}

    /** Alternating column names and values. */
    public static Map<String, String> row(String... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("columns and values come in pairs");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    public static Map<String, String> ubuntuOsVersion() {
        return row("name", "Ubuntu", "version", "22.04.4 LTS (Jammy Jellyfish)", "major", "22", "minor", "4",
                "patch", "0", "build", "", "platform", "ubuntu", "platform_like", "debian", "codename", "jammy",
                "arch", "x86_64", "extra", "", "pid_with_namespace", "0", "mount_namespace_id", "");
    }

    public static Map<String, String> macOsVersion() {
        return row("name", "macOS", "version", "14.4.1", "major", "14", "minor", "4", "patch", "1",
                "build", "23E224", "platform", "darwin", "platform_like", "darwin", "codename", "", "arch", "arm64",
                "extra", "", "pid_with_namespace", "0", "mount_namespace_id", "");
    }

    public static Map<String, String> osqueryInfo() {
        return row("pid", "41573", "uuid", "4C4C4544-0042-3010-8052-B4C04F4E4E32",
                "instance_id", "2f3bd0a4-3f2d-4d4c-9a2f-9d0d3e6a2b71", "version", "5.12.1",
                "config_hash", "b7f0f8cbe3a0c1f0d8e1a0a5c2f7e1d4f3a2b1c0", "config_valid", "1",
                "extensions", "active", "build_platform", "ubuntu", "build_distro", "focal",
                "start_time", "1711000000", "watcher", "41570", "platform_mask", "9");
    }

    public static Map<String, String> systemInfo(String hostname) {
        return row("hostname", hostname, "uuid", "4C4C4544-0042-3010-8052-B4C04F4E4E32", "cpu_type", "x86_64",
                "cpu_subtype", "158", "cpu_brand", "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz",
                "cpu_physical_cores", "4", "cpu_logical_cores", "8", "cpu_sockets", "1", "cpu_microcode", "0xf0",
                "physical_memory", "16777216000", "hardware_vendor", "Dell Inc.", "hardware_model", "PowerEdge R640",
                "hardware_version", "", "hardware_serial", "8XJ2KQ2", "board_vendor", "Dell Inc.",
                "board_model", "0H28RR", "board_version", "A00", "board_serial", ".8XJ2KQ2.CNFCP0019M00XY.",
                "computer_name", hostname.split("\\.")[0], "local_hostname", hostname.split("\\.")[0]);
    }

    public static Map<String, String> uptime() {
        return row("days", "3", "hours", "4", "minutes", "5", "seconds", "6", "total_seconds", "273906");
    }

    public static List<Map<String, String>> osqueryFlags() {
        return List.of(row("name", "config_refresh", "value", "10"), row("name", "distributed_interval", "value", "10"),
                row("name", "logger_tls_period", "value", "10"));
    }

    /** Busiest first: loopback, then a link-local address, then the real ones. */
    public static List<Map<String, String>> networkInterfaces() {
        return List.of(
                row("address", "127.0.0.1", "mac", "00:00:00:00:00:00"),
                row("address", "fe80::42:acff:fe11:2%eth0", "mac", "02:42:ac:11:00:02"),
                row("address", "10.0.4.17", "mac", "02:42:ac:11:00:02"),
                row("address", "2001:db8::17", "mac", "02:42:ac:11:00:02"));
    }

    /** Answers to every detail query, by full query name, for an Ubuntu host named {@code hostname}. */
    public static Map<String, List<Map<String, String>>> ubuntuDetails(String hostname) {
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        results.put("kolide_detail_query_network_interface", networkInterfaces());
        results.put("kolide_detail_query_os_version", List.of(ubuntuOsVersion()));
        results.put("kolide_detail_query_osquery_flags", osqueryFlags());
        results.put("kolide_detail_query_osquery_info", List.of(osqueryInfo()));
        results.put("kolide_detail_query_system_info", List.of(systemInfo(hostname)));
        results.put("kolide_detail_query_uptime", List.of(uptime()));
        return results;
    }

    /** osquery's enrollment host_details for an Ubuntu host. */
    public static Map<String, Map<String, String>> ubuntuHostDetails(String hostname) {
        Map<String, Map<String, String>> details = new LinkedHashMap<>();
        details.put("os_version", ubuntuOsVersion());
        details.put("osquery_info", osqueryInfo());
        details.put("system_info", systemInfo(hostname));
        details.put("platform_info", row("vendor", "Dell Inc.", "version", "2.12.2", "date", "07/09/2021",
                "revision", "2.12", "extra", "", "firmware_type", "uefi", "address", "0xf0000", "size", "64 KB",
                "volume_size", "0"));
        return details;
    }
}
