package dev.kolide.fleet.transport.http.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fleet's HTTP request metrics, registered in a registry the wiring owns (never Prometheus' default one):
 *
 * <ul>
 *   <li>{@value #REQUESTS}{@code _total{method,route,code}}: requests answered;</li>
 *   <li>{@value #DURATION}{@code {method,route,code}}: seconds from the first byte of the request to the last
 *       byte of the response (classic buckets);</li>
 *   <li>{@value #IN_FLIGHT}: requests being served now.</li>
 * </ul>
 *
 * <p>{@code route} is the route's template ({@code /api/v1/kolide/hosts/{id}}), never the raw path, and
 * {@value #UNMATCHED_ROUTE} for every path no route knows; {@code method} is one of the standard methods or
 * {@value #OTHER_METHOD}. So the number of series is bounded by the routes, whatever clients send.
 */
public final class HttpMetrics {

    public static final String REQUESTS = "fleet_http_requests";
    public static final String DURATION = "fleet_http_request_duration_seconds";
    public static final String IN_FLIGHT = "fleet_http_requests_in_flight";

    /** The route label of requests for paths no route has. */
    public static final String UNMATCHED_ROUTE = "unmatched";
    /** The method label of requests with a method outside {@link #KNOWN_METHODS}. */
    public static final String OTHER_METHOD = "other";

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE");

    private final PrometheusRegistry registry;
    private final Counter requests;
    private final Histogram duration;
    private final Gauge inFlight;
    // One per (method, route) pair ever asked for; bounded by routes x methods, created at router build time
    // for the routes, on first use for 404s and 405s.
    private final Map<String, Map<String, RequestSeries>> seriesByRoute = new ConcurrentHashMap<>();

    public HttpMetrics(PrometheusRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.requests = Counter.builder()
                .name(REQUESTS)
                .help("HTTP requests answered, by method, route template and status code.")
                .labelNames("method", "route", "code")
                .withoutExemplars()
                .register(registry);
        this.duration = Histogram.builder()
                .name(DURATION)
                .unit(Unit.SECONDS)
                .help("Time from the start of an HTTP request to the end of its response.")
                .labelNames("method", "route", "code")
                .classicOnly()
                .withoutExemplars()
                .register(registry);
        this.inFlight = Gauge.builder()
                .name(IN_FLIGHT)
                .help("HTTP requests being served.")
                .withoutExemplars()
                .register(registry);
    }

    /** The registry these metrics are in; {@link MetricsEndpoint} serves it. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The series for requests with {@code method} answered by the route {@code routeTemplate}. */
    public RequestSeries series(String method, String routeTemplate) {
        requireNonNull(method, "method is null");
        requireNonNull(routeTemplate, "routeTemplate is null");
        return seriesByRoute.computeIfAbsent(routeTemplate, route -> new ConcurrentHashMap<>())
                .computeIfAbsent(methodLabel(method), m -> new RequestSeries(requests, duration, m, routeTemplate));
    }

    /** The series for requests with {@code method} for a path no route has. */
    public RequestSeries unmatched(String method) {
        return series(method, UNMATCHED_ROUTE);
    }

    void requestStarted() {
        inFlight.inc();
    }

    void requestFinished() {
        inFlight.dec();
    }

    private static String methodLabel(String method) {
        return KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
    }
}
