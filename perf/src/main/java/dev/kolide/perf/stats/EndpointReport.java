package dev.kolide.perf.stats;

import java.util.Map;

/** One endpoint over a report's window: throughput, errors by kind and latency percentiles in milliseconds. */
public record EndpointReport(long requests, double requestsPerSecond, long errors, Map<String, Long> errorsByKind,
        double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    public EndpointReport {
        errorsByKind = Map.copyOf(errorsByKind);
    }

    static EndpointReport of(long requests, Map<String, Long> errorsByKind, LatencyHistogram.Snapshot latency,
            double seconds) {
        long errors = errorsByKind.values().stream().mapToLong(Long::longValue).sum();
        return new EndpointReport(requests, seconds > 0 ? requests / seconds : 0, errors, errorsByKind,
                millis(latency.percentile(50)), millis(latency.percentile(95)), millis(latency.percentile(99)),
                millis(latency.max()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
