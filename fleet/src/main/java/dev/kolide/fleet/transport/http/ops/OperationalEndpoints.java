package dev.kolide.fleet.transport.http.ops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.transport.http.metrics.MetricsEndpoint;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import dev.kolide.kit.health.HealthChecks;
import dev.kolide.kit.health.HealthHandler;
import dev.kolide.kit.version.BuildInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The endpoints for operators and load balancers (reference §2.8), unauthenticated as in Kolide Fleet:
 *
 * <ul>
 *   <li>{@code GET /healthz}: kit's {@link HealthHandler} over the checks the wiring gives (MySQL, Redis): 200
 *       when all pass, 500 otherwise, with every check's result as JSON;</li>
 *   <li>{@code GET /version}: {@link VersionEndpoint};</li>
 *   <li>{@code GET /metrics}: {@link MetricsEndpoint}, Prometheus text format.</li>
 * </ul>
 *
 * <p>Kolide's {@code /debug/} (pprof behind a token) has no counterpart here.
 */
public final class OperationalEndpoints {

    public static final String HEALTH_PATH = "/healthz";
    public static final String VERSION_PATH = "/version";
    public static final String METRICS_PATH = "/metrics";

    private OperationalEndpoints() {}

    /** Adds the three endpoints to {@code root}, a group with the empty prefix. */
    public static void register(RouteGroup root, HealthChecks health, BuildInfo buildInfo,
            PrometheusRegistry registry, ObjectMapper json) {
        requireNonNull(root, "root is null");
        requireNonNull(health, "health is null");
        requireNonNull(buildInfo, "buildInfo is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(json, "json is null");
        if (!root.prefix().isEmpty()) {
            throw new IllegalArgumentException("operational endpoints belong at the root, not under \""
                    + root.prefix() + "\"");
        }
        root.jetty("GET", HEALTH_PATH, new HealthHandler(HEALTH_PATH, health, json));
        root.get(VERSION_PATH, new VersionEndpoint(buildInfo));
        root.jetty("GET", METRICS_PATH, new MetricsEndpoint(registry));
    }
}
