/**
 * Operational endpoints: {@code /healthz}, {@code /version}, {@code /metrics}, registered on the router's root
 * group by {@link dev.kolide.fleet.transport.http.ops.OperationalEndpoints}.
 */
package dev.kolide.fleet.transport.http.ops;
