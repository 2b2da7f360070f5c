package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;

/** {@code system_info}: hostname, uuid, CPU, memory and hardware. */
final class SystemInfoDetail implements DetailQuery {

    @Override
    public String name() {
        return "system_info";
    }

    @Override
    public String sql() {
        return "select * from system_info limit 1";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        Rows.single(name(), rows).ifPresent(row -> {
            Rows.number(name(), row, "physical_memory").ifPresent(host::physicalMemory);
            host.hostname(Rows.text(row, "hostname"));
            host.uuid(Rows.text(row, "uuid"));
            host.cpuType(Rows.text(row, "cpu_type"));
            host.cpuSubtype(Rows.text(row, "cpu_subtype"));
            host.cpuBrand(Rows.text(row, "cpu_brand"));
            Rows.smallNumber(name(), row, "cpu_physical_cores").ifPresent(n -> host.cpuPhysicalCores((int) n));
            Rows.smallNumber(name(), row, "cpu_logical_cores").ifPresent(n -> host.cpuLogicalCores((int) n));
            host.hardwareVendor(Rows.text(row, "hardware_vendor"));
            host.hardwareModel(Rows.text(row, "hardware_model"));
            host.hardwareVersion(Rows.text(row, "hardware_version"));
            host.hardwareSerial(Rows.text(row, "hardware_serial"));
            host.computerName(Rows.text(row, "computer_name"));
        });
    }
}
