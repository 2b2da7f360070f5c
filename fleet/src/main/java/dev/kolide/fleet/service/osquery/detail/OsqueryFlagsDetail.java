package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code osquery_flags}: the intervals the host really runs with, which decide when it counts as online. Before
 * osquery 2.4.6 the config refresh flag was {@code config_tls_refresh}; since then {@code config_refresh}, with
 * the old name kept as an alias. The old name wins when both are reported, as in Kolide Fleet, because
 * {@code config_refresh} meant something else before 2.4.6.
 */
final class OsqueryFlagsDetail implements DetailQuery {

    @Override
    public String name() {
        return "osquery_flags";
    }

    @Override
    public String sql() {
        return "select name, value from osquery_flags where name in (\"distributed_interval\",\"config_tls_refresh\","
                + "\"config_refresh\",\"logger_tls_period\")";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        OptionalLong configTlsRefresh = OptionalLong.empty();
        OptionalLong configRefresh = OptionalLong.empty();
        for (Map<String, String> row : rows) {
            String flag = Rows.text(row, "name");
            switch (flag) {
                case "distributed_interval" -> interval(row, flag).ifPresent(v -> host.distributedInterval((int) v));
                case "logger_tls_period" -> interval(row, flag).ifPresent(v -> host.loggerTlsPeriod((int) v));
                case "config_tls_refresh" -> configTlsRefresh = interval(row, flag);
                case "config_refresh" -> configRefresh = interval(row, flag);
                default -> { } // the query asks for these four only
            }
        }
        OptionalLong refresh = configTlsRefresh.isPresent() ? configTlsRefresh : configRefresh;
        refresh.ifPresent(v -> host.configTlsRefresh((int) v));
    }

    private OptionalLong interval(Map<String, String> row, String flag) {
        return Rows.smallNumber(name() + "." + flag, row, "value");
    }
}
