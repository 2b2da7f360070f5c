package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.List;
import java.util.Map;

/** osquery's {@code kernel_info}: release from /proc/sys/kernel/osrelease, boot arguments from /proc/cmdline. */
public final class KernelInfoTable implements Table {
    private final SystemFiles files;

    public KernelInfoTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "kernel_info";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("version"), text("arguments"), text("path"), text("device"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        String cmdline = files.readTrimmed("/proc/cmdline");
        String path = "";
        String device = "";
        for (String argument : cmdline.split("\\s+")) {
            if (argument.startsWith("BOOT_IMAGE=")) {
                path = argument.substring("BOOT_IMAGE=".length());
            } else if (argument.startsWith("root=")) {
                device = argument.substring("root=".length());
            }
        }
        return List.of(Rows.of("version", files.readTrimmed("/proc/sys/kernel/osrelease"), "arguments", cmdline,
                "path", path, "device", device));
    }
}
