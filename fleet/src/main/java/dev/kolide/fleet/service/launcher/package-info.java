/**
 * What the launcher asks of fleet (Kolide's {@code kolide.agent.Api}), transport-neutral: {@link
 * dev.kolide.fleet.service.launcher.LauncherApi} maps each of the six calls onto the {@link
 * dev.kolide.fleet.service.osquery.OsqueryService}, so that gRPC ({@code transport/grpc}) and JSON-RPC
 * ({@code transport/jsonrpc}) only decode and encode. See docs/fleet-launcher-api.md.
 */
package dev.kolide.fleet.service.launcher;
