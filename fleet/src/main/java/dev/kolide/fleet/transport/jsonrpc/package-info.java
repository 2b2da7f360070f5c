/**
 * The launcher's JSON-RPC 2.0 API ({@code --transport=jsonrpc}): {@code POST /} with the six method names of
 * {@code kolide.agent.Api}, in the JSON shapes of Kolide's go-kit endpoints, on top of {@link
 * dev.kolide.fleet.service.launcher.LauncherApi}. {@link dev.kolide.fleet.transport.jsonrpc.JsonRpcRoutes}
 * registers the route. See docs/fleet-launcher-api.md.
 */
package dev.kolide.fleet.transport.jsonrpc;
