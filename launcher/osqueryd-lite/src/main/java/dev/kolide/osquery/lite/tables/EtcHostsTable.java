package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** osquery's {@code etc_hosts}: one row per address line of {@code /etc/hosts}, its names joined by spaces. */
public final class EtcHostsTable implements Table {
    private final SystemFiles files;

    public EtcHostsTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "etc_hosts";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("address"), text("hostnames"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : files.lines("/etc/hosts")) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            rows.add(Rows.of("address", fields[0],
                    "hostnames", String.join(" ", Arrays.asList(fields).subList(1, fields.length))));
        }
        return rows;
    }
}
