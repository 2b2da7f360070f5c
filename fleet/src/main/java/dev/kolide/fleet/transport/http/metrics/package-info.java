/**
 * Prometheus metrics of the HTTP API: {@link dev.kolide.fleet.transport.http.metrics.HttpMetrics} (count,
 * latency, in flight per route template), recorded by {@link
 * dev.kolide.fleet.transport.http.metrics.InstrumentingHandler}, served by {@link
 * dev.kolide.fleet.transport.http.metrics.MetricsEndpoint}.
 */
package dev.kolide.fleet.transport.http.metrics;
