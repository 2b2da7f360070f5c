package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** osquery's {@code os_version} on Linux, from {@code /etc/os-release} (or {@code /usr/lib/os-release}). */
public final class OsVersionTable implements Table {
    private final SystemFiles files;
    private final String arch;

    /** @param arch the machine architecture as osquery names it (x86_64, aarch64 ...) */
    public OsVersionTable(SystemFiles files, String arch) {
        this.files = requireNonNull(files, "files is null");
        this.arch = requireNonNull(arch, "arch is null");
    }

    @Override
    public String name() {
        return "os_version";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("name"), text("version"), integer("major"), integer("minor"), integer("patch"),
                text("build"), text("platform"), text("platform_like"), text("codename"), text("arch"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        Map<String, String> release = osRelease(files);
        String[] numbers = release.getOrDefault("VERSION_ID", "").split("\\.");
        return List.of(Rows.of(
                "name", release.getOrDefault("NAME", "Linux"),
                "version", release.getOrDefault("VERSION", release.getOrDefault("VERSION_ID", "")),
                "major", numbers.length > 0 ? Rows.parseLong(numbers[0], 0) : 0,
                "minor", numbers.length > 1 ? Rows.parseLong(numbers[1], 0) : 0,
                "patch", numbers.length > 2 ? Rows.parseLong(numbers[2], 0) : 0,
                "build", "",
                "platform", release.getOrDefault("ID", "linux"),
                "platform_like", release.getOrDefault("ID_LIKE", ""),
                "codename", release.getOrDefault("VERSION_CODENAME", ""),
                "arch", arch));
    }

    /** The KEY=value pairs of os-release, quotes removed. */
    static Map<String, String> osRelease(SystemFiles files) {
        List<String> lines = files.lines("/etc/os-release");
        if (lines.isEmpty()) {
            lines = files.lines("/usr/lib/os-release");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(line.substring(0, eq).strip(), value);
        }
        return values;
    }
}
