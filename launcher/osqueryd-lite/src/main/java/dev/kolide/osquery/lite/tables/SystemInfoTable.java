package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * osquery's {@code system_info} on Linux: hostname from /proc/sys/kernel, CPU from /proc/cpuinfo, memory from
 * /proc/meminfo, hardware from /sys/class/dmi/id (serial numbers only readable by root). The uuid is the
 * engine's host uuid, so that it agrees with osquery_info and {@code --host_identifier=uuid}.
 */
public final class SystemInfoTable implements Table {
    private final SystemFiles files;
    private final String arch;
    private final Supplier<String> hostUuid;

    public SystemInfoTable(SystemFiles files, String arch, Supplier<String> hostUuid) {
        this.files = requireNonNull(files, "files is null");
        this.arch = requireNonNull(arch, "arch is null");
        this.hostUuid = requireNonNull(hostUuid, "hostUuid is null");
    }

    @Override
    public String name() {
        return "system_info";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("hostname"), text("uuid"), text("cpu_type"), text("cpu_subtype"), text("cpu_brand"),
                integer("cpu_physical_cores"), integer("cpu_logical_cores"), text("cpu_microcode"),
                bigint("physical_memory"), text("hardware_vendor"), text("hardware_model"), text("hardware_version"),
                text("hardware_serial"), text("board_vendor"), text("board_model"), text("board_version"),
                text("board_serial"), text("computer_name"), text("local_hostname"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        String hostname = hostname(files);
        String cpuinfo = files.read("/proc/cpuinfo").orElse("");
        int logical = 0;
        Set<String> cores = new HashSet<>();
        String physicalId = "";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("processor")) {
                logical++;
            } else if (key.equals("physical id")) {
                physicalId = value;
            } else if (key.equals("core id")) {
                cores.add(physicalId + "/" + value);
            }
        }
        long memory = Rows.parseLong(Rows.field(files.read("/proc/meminfo").orElse(""), "MemTotal", ':')
                .replace("kB", "").strip(), 0) * 1024;
        String dmi = "/sys/class/dmi/id/";
        return List.of(Rows.of(
                "hostname", hostname,
                "uuid", hostUuid.get(),
                "cpu_type", arch,
                "cpu_subtype", Rows.field(cpuinfo, "model", ':'),
                "cpu_brand", Rows.field(cpuinfo, "model name", ':'),
                "cpu_physical_cores", cores.isEmpty() ? logical : cores.size(),
                "cpu_logical_cores", logical,
                "cpu_microcode", Rows.field(cpuinfo, "microcode", ':'),
                "physical_memory", memory,
                "hardware_vendor", files.readTrimmed(dmi + "sys_vendor"),
                "hardware_model", files.readTrimmed(dmi + "product_name"),
                "hardware_version", files.readTrimmed(dmi + "product_version"),
                "hardware_serial", files.readTrimmed(dmi + "product_serial"),
                "board_vendor", files.readTrimmed(dmi + "board_vendor"),
                "board_model", files.readTrimmed(dmi + "board_name"),
                "board_version", files.readTrimmed(dmi + "board_version"),
                "board_serial", files.readTrimmed(dmi + "board_serial"),
                "computer_name", hostname,
                "local_hostname", hostname));
    }

    /** The kernel's hostname. */
    public static String hostname(SystemFiles files) {
        String name = files.readTrimmed("/proc/sys/kernel/hostname");
        return name.isEmpty() ? files.readTrimmed("/etc/hostname") : name;
    }
}
