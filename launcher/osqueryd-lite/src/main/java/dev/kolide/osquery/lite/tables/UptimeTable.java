package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.List;
import java.util.Map;

/** osquery's {@code uptime}, from {@code /proc/uptime}. */
public final class UptimeTable implements Table {
    private final SystemFiles files;

    public UptimeTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(integer("days"), integer("hours"), integer("minutes"), integer("seconds"),
                bigint("total_seconds"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        String text = files.readTrimmed("/proc/uptime");
        if (text.isEmpty()) {
            return List.of();
        }
        long total = (long) Double.parseDouble(text.split("\\s+")[0]);
        return List.of(Rows.of("days", total / 86400, "hours", total % 86400 / 3600, "minutes", total % 3600 / 60,
                "seconds", total % 60, "total_seconds", total));
    }
}
