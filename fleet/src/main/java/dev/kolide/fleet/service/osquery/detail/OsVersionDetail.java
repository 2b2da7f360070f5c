package dev.kolide.fleet.service.osquery.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code os_version}: the OS name and version, build, platform, platform_like and code name. */
final class OsVersionDetail implements DetailQuery {

    @Override
    public String name() {
        return "os_version";
    }

    @Override
    public String sql() {
        return "select * from os_version limit 1";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        Rows.single(name(), rows).ifPresent(row -> {
            String osName = Rows.text(row, "name");
            host.osVersion(osVersion(osName, Rows.text(row, "major"), Rows.text(row, "minor"),
                    Rows.text(row, "patch")));
            if (row.containsKey("build")) {
                host.build(Rows.text(row, "build"));
            }
            String platform = Rows.text(row, "platform");
            // osquery on CentOS 6 leaves platform empty (Kolide Fleet's workaround).
            if (platform.isEmpty() && osName.toLowerCase(Locale.ROOT).contains("centos")) {
                platform = "centos";
            }
            host.platform(platform);
            host.platformLike(Rows.text(row, "platform_like"));
            // osquery's column is "codename"; Kolide Fleet's field was code_name.
            host.codeName(row.containsKey("codename") ? Rows.text(row, "codename") : Rows.text(row, "code_name"));
        });
    }

    /** "name major.minor.patch", without the trailing parts osquery left empty ("Windows 10", not "Windows 10.."). */
    static String osVersion(String name, String major, String minor, String patch) {
        List<String> parts = new ArrayList<>(List.of(major.strip(), minor.strip(), patch.strip()));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return (name.strip() + " " + String.join(".", parts)).strip();
    }
}
