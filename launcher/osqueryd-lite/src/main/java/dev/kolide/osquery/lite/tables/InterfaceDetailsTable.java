package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** osquery's {@code interface_details} on Linux, from {@code /sys/class/net/<interface>}. */
public final class InterfaceDetailsTable implements Table {
    private final SystemFiles files;

    public InterfaceDetailsTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "interface_details";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("interface"), text("mac"), integer("type"), integer("mtu"), integer("metric"),
                integer("flags"), bigint("ipackets"), bigint("opackets"), bigint("ibytes"), bigint("obytes"),
                bigint("ierrors"), bigint("oerrors"), bigint("idrops"), bigint("odrops"), bigint("collisions"),
                bigint("last_change"), bigint("link_speed"), text("pci_slot"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String name : files.list("/sys/class/net")) {
            String dir = "/sys/class/net/" + name + "/";
            String flags = files.readTrimmed(dir + "flags");
            long flagBits = flags.startsWith("0x") ? parseHex(flags) : 0;
            String speed = files.readTrimmed(dir + "speed");
            rows.add(Rows.of("interface", name, "mac", files.readTrimmed(dir + "address"),
                    "type", files.readTrimmed(dir + "type"), "mtu", files.readTrimmed(dir + "mtu"), "metric", 0,
                    "flags", flagBits,
                    "ipackets", stat(dir, "rx_packets"), "opackets", stat(dir, "tx_packets"),
                    "ibytes", stat(dir, "rx_bytes"), "obytes", stat(dir, "tx_bytes"),
                    "ierrors", stat(dir, "rx_errors"), "oerrors", stat(dir, "tx_errors"),
                    "idrops", stat(dir, "rx_dropped"), "odrops", stat(dir, "tx_dropped"),
                    "collisions", stat(dir, "collisions"), "last_change", -1,
                    "link_speed", speed.matches("\\d+") ? speed : "",
                    "pci_slot", pciSlot(dir)));
        }
        return rows;
    }

    private String stat(String dir, String name) {
        return files.readTrimmed(dir + "statistics/" + name);
    }

    private String pciSlot(String dir) {
        String device = files.readLink(dir + "device");
        int slash = device.lastIndexOf('/');
        String slot = slash >= 0 ? device.substring(slash + 1) : device;
        return slot.matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-9a-f]") ? slot : "";
    }

    private static long parseHex(String text) {
        try {
            return Long.parseLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
