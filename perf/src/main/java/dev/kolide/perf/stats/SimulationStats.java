package dev.kolide.perf.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Every endpoint's counters, and the reports made of them: windows between reports, and the whole run. */
public final class SimulationStats {
    private final Map<Endpoint, EndpointStats> endpoints = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, EndpointStats.Totals> previous = new EnumMap<>(Endpoint.class);
    private double previousElapsed;

    public SimulationStats() {
        for (Endpoint endpoint : Endpoint.values()) {
            endpoints.put(endpoint, new EndpointStats());
            previous.put(endpoint, EndpointStats.Totals.empty());
        }
    }

    public EndpointStats endpoint(Endpoint endpoint) {
        return endpoints.get(endpoint);
    }

    /** The window since the previous report (or the start). */
    public synchronized Report intervalReport(double elapsedSeconds, HostCounts hosts) {
        double window = elapsedSeconds - previousElapsed;
        Map<Endpoint, EndpointReport> reports = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            EndpointStats.Totals now = endpoints.get(endpoint).totals();
            EndpointStats.Totals before = previous.put(endpoint, now);
            reports.put(endpoint, EndpointReport.of(now.requests() - before.requests(),
                    minus(now.errors(), before.errors()), now.latency().minus(before.latency(), now.windowMax()),
                    window));
        }
        previousElapsed = elapsedSeconds;
        return new Report("interval", elapsedSeconds, window, hosts.hosts(), hosts.enrolled(), hosts.online(),
                hosts.inFlight(), reports);
    }

    /** The whole run. */
    public synchronized Report finalReport(double elapsedSeconds, HostCounts hosts) {
        Map<Endpoint, EndpointReport> reports = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            EndpointStats.Totals now = endpoints.get(endpoint).totals();
            reports.put(endpoint, EndpointReport.of(now.requests(), now.errors(), now.latency(), elapsedSeconds));
        }
        return new Report("final", elapsedSeconds, elapsedSeconds, hosts.hosts(), hosts.enrolled(), hosts.online(),
                hosts.inFlight(), reports);
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> diff = new TreeMap<>();
        now.forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            if (delta > 0) {
                diff.put(kind, delta);
            }
        });
        return diff;
    }
}
