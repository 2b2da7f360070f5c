/**
 * Health checks, as kolide/kit's {@code health} package: named {@link dev.kolide.kit.health.HealthChecker}s
 * run together by {@link dev.kolide.kit.health.HealthChecks}, served as JSON at {@code GET /healthz} by
 * {@link dev.kolide.kit.health.HealthHandler} (Jetty 12 core, an optional dependency of the kit).
 */
package dev.kolide.kit.health;
