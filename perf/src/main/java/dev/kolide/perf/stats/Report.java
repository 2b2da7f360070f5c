package dev.kolide.perf.stats;

import java.util.Map;

/**
 * One report line: {@code interval} reports cover the time since the previous report, the {@code final} one the
 * whole run. Host counts are at the moment of the report.
 *
 * @param enrolled hosts holding a node key fleet accepted
 * @param online hosts whose last distributed read succeeded within two distributed intervals
 * @param inFlight requests sent and not yet answered
 */
public record Report(String kind, double elapsedSeconds, double windowSeconds, int hosts, int enrolled, int online,
        int inFlight, Map<Endpoint, EndpointReport> endpoints) {

    public Report {
        endpoints = Map.copyOf(endpoints);
    }

    public long requests() {
        return endpoints.values().stream().mapToLong(EndpointReport::requests).sum();
    }

    public long errors() {
        return endpoints.values().stream().mapToLong(EndpointReport::errors).sum();
    }

    public double requestsPerSecond() {
        return windowSeconds > 0 ? requests() / windowSeconds : 0;
    }
}
