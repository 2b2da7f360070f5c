package dev.kolide.osquery.lite;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;

import dev.kolide.osquery.lite.manager.ExtensionRegistry;
import dev.kolide.osquery.lite.tables.EtcHostsTable;
import dev.kolide.osquery.lite.tables.GroupsTable;
import dev.kolide.osquery.lite.tables.InterfaceAddressesTable;
import dev.kolide.osquery.lite.tables.InterfaceDetailsTable;
import dev.kolide.osquery.lite.tables.KernelInfoTable;
import dev.kolide.osquery.lite.tables.ListeningPortsTable;
import dev.kolide.osquery.lite.tables.MountsTable;
import dev.kolide.osquery.lite.tables.OsVersionTable;
import dev.kolide.osquery.lite.tables.ProcessesTable;
import dev.kolide.osquery.lite.tables.SimpleTable;
import dev.kolide.osquery.lite.tables.SystemFiles;
import dev.kolide.osquery.lite.tables.SystemInfoTable;
import dev.kolide.osquery.lite.tables.Table;
import dev.kolide.osquery.lite.tables.TimeTable;
import dev.kolide.osquery.lite.tables.UptimeTable;
import dev.kolide.osquery.lite.tables.UsersTable;
import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.OptionInfo;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import java.time.Clock;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The built-in tables: the system's, and osqueryd-lite's own (osquery_info, osquery_flags ...). */
final class EngineTables {
    /** osquery's PlatformType bits for a Linux build: POSIX (1) | LINUX (8). */
    static final int LINUX_PLATFORM_MASK = 9;
    /** The osquery SDK version osqueryd-lite reports for itself. */
    static final String SDK_VERSION = "4.4.0";

    private EngineTables() {}

    /** What the osquery_* tables report about the running engine. */
    interface State {
        String version();

        String hostUuid();

        String instanceId();

        String configHash();

        boolean configValid();

        long startTime();

        boolean extensionsActive();

        Path socket();

        Map<String, OptionInfo> flags();

        ExtensionRegistry registry();
    }

    static List<Table> create(SystemFiles files, Clock clock, String arch, Supplier<String> hostUuid, State state) {
        List<Table> tables = new ArrayList<>();
        tables.add(new ProcessesTable(files));
        tables.add(new UsersTable(files));
        tables.add(new GroupsTable(files));
        tables.add(new EtcHostsTable(files));
        tables.add(new UptimeTable(files));
        tables.add(new KernelInfoTable(files));
        tables.add(new OsVersionTable(files, arch));
        tables.add(new SystemInfoTable(files, arch, hostUuid));
        tables.add(new TimeTable(clock.withZone(ZoneId.systemDefault()))); // local_timezone names this zone
        tables.add(new MountsTable(files, true));
        tables.add(new ListeningPortsTable(files));
        tables.add(new InterfaceAddressesTable());
        tables.add(new InterfaceDetailsTable(files));
        tables.add(osqueryInfo(state));
        tables.add(osqueryFlags(state));
        tables.add(osqueryExtensions(state));
        tables.add(osqueryRegistry(state));
        return tables;
    }

    private static Table osqueryInfo(State state) {
        return new SimpleTable("osquery_info", List.of(integer("pid"), text("uuid"), text("instance_id"),
                text("version"), text("config_hash"), integer("config_valid"), text("extensions"),
                text("build_platform"), text("build_distro"), integer("start_time"), integer("watcher"),
                integer("platform_mask")),
                () -> List.of(row("pid", ProcessHandle.current().pid(), "uuid", state.hostUuid(),
                        "instance_id", state.instanceId(), "version", state.version(),
                        "config_hash", state.configHash(), "config_valid", state.configValid() ? 1 : 0,
                        "extensions", state.extensionsActive() ? "active" : "inactive",
                        "build_platform", "linux", "build_distro", "lite", "start_time", state.startTime(),
                        "watcher", -1, "platform_mask", LINUX_PLATFORM_MASK)));
    }

    private static Table osqueryFlags(State state) {
        return new SimpleTable("osquery_flags", List.of(text("name"), text("type"), text("description"),
                text("default_value"), text("value"), integer("shell")), () -> {
                    List<Map<String, String>> rows = new ArrayList<>();
                    state.flags().forEach((name, option) -> rows.add(row("name", name, "type", option.type(),
                            "description", "", "default_value", option.defaultValue(), "value", option.value(),
                            "shell", 0)));
                    return rows;
                });
    }

    private static Table osqueryExtensions(State state) {
        return new SimpleTable("osquery_extensions", List.of(bigint("uuid"), text("name"), text("version"),
                text("sdk_version"), text("path"), text("type")), () -> {
                    List<Map<String, String>> rows = new ArrayList<>();
                    rows.add(row("uuid", 0, "name", "core", "version", state.version(), "sdk_version", SDK_VERSION,
                            "path", state.socket(), "type", "core"));
                    for (Map.Entry<Long, ExtensionInfo> e : state.registry().extensionInfos().entrySet()) {
                        rows.add(row("uuid", e.getKey(), "name", e.getValue().name(),
                                "version", e.getValue().version(), "sdk_version", e.getValue().sdkVersion(),
                                "path", SocketPaths.extensionSocket(state.socket(), e.getKey()),
                                "type", "extension"));
                    }
                    return rows;
                });
    }

    private static Table osqueryRegistry(State state) {
        return new SimpleTable("osquery_registry", List.of(text("registry"), text("name"), bigint("owner_uuid"),
                integer("internal"), integer("active")), () -> {
                    List<Map<String, String>> rows = new ArrayList<>();
                    for (ExtensionRegistry.RegistryItem item : state.registry().items()) {
                        rows.add(row("registry", item.registry(), "name", item.name(),
                                "owner_uuid", item.ownerUuid(), "internal", item.ownerUuid() == 0 ? 1 : 0,
                                "active", 1));
                    }
                    return rows;
                });
    }

    private static Map<String, String> row(Object... namesAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return row;
    }
}
