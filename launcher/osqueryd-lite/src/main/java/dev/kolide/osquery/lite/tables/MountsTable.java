package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * osquery's {@code mounts}, from {@code /proc/mounts}; sizes from the JDK's view of each file system (statvfs).
 * Pseudo file systems (proc, sysfs, cgroup ...) are listed without sizes rather than asked, and inode counts are
 * empty: the JDK does not expose them.
 */
public final class MountsTable implements Table {
    private static final Set<String> NO_SIZES = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue",
            "securityfs", "debugfs", "tracefs", "pstore", "bpf", "configfs", "fusectl", "binfmt_misc", "autofs",
            "hugetlbfs", "nsfs", "rpc_pipefs", "selinuxfs", "efivarfs");

    private final SystemFiles files;
    private final boolean statFileSystems;

    /** @param statFileSystems whether to read sizes (tests on fixture files turn it off) */
    public MountsTable(SystemFiles files, boolean statFileSystems) {
        this.files = requireNonNull(files, "files is null");
        this.statFileSystems = statFileSystems;
    }

    @Override
    public String name() {
        return "mounts";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("device"), text("device_alias"), text("path"), text("type"), bigint("blocks_size"),
                bigint("blocks"), bigint("blocks_free"), bigint("blocks_available"), bigint("inodes"),
                bigint("inodes_free"), text("flags"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : files.lines("/proc/mounts")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            String device = unescape(f[0]);
            String path = unescape(f[1]);
            String type = f[2];
            long blockSize = -1;
            long blocks = -1;
            long free = -1;
            long available = -1;
            if (statFileSystems && !NO_SIZES.contains(type)) {
                try {
                    FileStore store = Files.getFileStore(Path.of(path));
                    blockSize = store.getBlockSize();
                    if (blockSize > 0) {
                        blocks = store.getTotalSpace() / blockSize;
                        free = store.getUnallocatedSpace() / blockSize;
                        available = store.getUsableSpace() / blockSize;
                    }
                } catch (IOException | RuntimeException e) {
                    blockSize = -1;
                }
            }
            rows.add(Rows.of("device", device, "device_alias", alias(device), "path", path, "type", type,
                    "blocks_size", size(blockSize), "blocks", size(blocks), "blocks_free", size(free),
                    "blocks_available", size(available), "inodes", "", "inodes_free", "", "flags", f[3]));
        }
        return rows;
    }

    private static String size(long value) {
        return value < 0 ? "" : Long.toString(value);
    }

    private String alias(String device) {
        if (!device.startsWith("/")) {
            return device;
        }
        try {
            return files.path(device).toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return device;
        }
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes (\040). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
