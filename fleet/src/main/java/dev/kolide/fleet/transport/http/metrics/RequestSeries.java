package dev.kolide.fleet.transport.http.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Arrays;

/**
 * The request count and latency of one (method, route) pair, split by status code. Each route holds its own,
 * found when the router matched it, so recording a request costs a scan of the few status codes the route has
 * answered so far and no label lookup or string building.
 */
public final class RequestSeries {

    private final Counter requests;
    private final Histogram duration;
    private final String method;
    private final String route;
    // Copy-on-write: a route answers a handful of distinct codes, and a new one is rare.
    private volatile ByStatus[] byStatus = new ByStatus[0];

    RequestSeries(Counter requests, Histogram duration, String method, String route) {
        this.requests = requests;
        this.duration = duration;
        this.method = method;
        this.route = route;
    }

    public String method() {
        return method;
    }

    public String route() {
        return route;
    }

    /** Counts one request answered with {@code status} after {@code seconds}. */
    public void record(int status, double seconds) {
        ByStatus points = find(status);
        points.count.inc();
        points.latency.observe(seconds);
    }

    private ByStatus find(int status) {
        for (ByStatus points : byStatus) {
            if (points.status == status) {
                return points;
            }
        }
        return add(status);
    }

    private synchronized ByStatus add(int status) {
        ByStatus[] current = byStatus;
        for (ByStatus points : current) {
            if (points.status == status) {
                return points;
            }
        }
        String code = Integer.toString(status);
        ByStatus added = new ByStatus(status, requests.labelValues(method, route, code),
                duration.labelValues(method, route, code));
        ByStatus[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = added;
        byStatus = grown;
        return added;
    }

    private record ByStatus(int status, CounterDataPoint count, DistributionDataPoint latency) {}
}
