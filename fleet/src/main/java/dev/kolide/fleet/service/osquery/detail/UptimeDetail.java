package dev.kolide.fleet.service.osquery.detail;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code uptime}: seconds since boot. */
final class UptimeDetail implements DetailQuery {
    /** Stored in nanoseconds (a Go duration, as Kolide did), which holds about 292 years. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public String sql() {
        return "select * from uptime limit 1";
    }

    @Override
    public void ingest(List<Map<String, String>> rows, HostDetails host) {
        Rows.single(name(), rows).ifPresent(row -> Rows.number(name(), row, "total_seconds")
                .ifPresent(seconds -> host.uptime(Duration.ofSeconds(Math.min(seconds, MAX_SECONDS)))));
    }
}
