package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** osquery's {@code users}, from {@code /etc/passwd} (local accounts; no NSS sources such as LDAP). */
public final class UsersTable implements Table {
    private final SystemFiles files;

    public UsersTable(SystemFiles files) {
        this.files = requireNonNull(files, "files is null");
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(bigint("uid"), bigint("gid"), bigint("uid_signed"), bigint("gid_signed"), text("username"),
                text("description"), text("directory"), text("shell"), text("uuid"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : files.lines("/etc/passwd")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 7) {
                continue;
            }
            long uid = Rows.parseLong(f[2], -1);
            long gid = Rows.parseLong(f[3], -1);
            rows.add(Rows.of("uid", uid & 0xffffffffL, "gid", gid & 0xffffffffL, "uid_signed", (int) uid,
                    "gid_signed", (int) gid, "username", f[0], "description", f[4], "directory", f[5],
                    "shell", f[6], "uuid", ""));
        }
        return rows;
    }
}
