package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** osquery's {@code groups}, from {@code /etc/group}. */
public final class GroupsTable implements Table {
    private final SystemFiles files;

    public GroupsTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "groups";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(bigint("gid"), bigint("gid_signed"), text("groupname"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : files.lines("/etc/group")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 3) {
                continue;
            }
            long gid = Rows.parseLong(f[2], -1);
            rows.add(Rows.of("gid", gid & 0xffffffffL, "gid_signed", (int) gid, "groupname", f[0]));
        }
        return rows;
    }
}
