package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;

/** {@code osquery_info}: the osquery version. */
final class OsqueryInfoDetail implements DetailQuery {

    @Override
    public String name() {
        return "osquery_info";
    }

    @Override
    public String sql() {
        return "select * from osquery_info limit 1";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        Rows.single(name(), rows).ifPresent(row -> host.osqueryVersion(Rows.text(row, "version")));
    }
}
