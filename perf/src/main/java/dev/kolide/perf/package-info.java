/**
 * osquery-perf: many simulated osquery (TLS API) or launcher (gRPC {@code kolide.agent.Api}) hosts in one process,
 * driven by a small scheduler and asynchronous clients, reporting per-endpoint throughput, errors and latency.
 * {@link dev.kolide.perf.Simulation} assembles and runs one load test.
 */
package dev.kolide.perf;
