/**
 * The launcher's gRPC API ({@code kolide.agent.Api}) on fleet's HTTPS port: {@link
 * dev.kolide.fleet.transport.grpc.AgentApiService} decodes and encodes the proto messages around {@link
 * dev.kolide.fleet.service.launcher.LauncherApi}, and {@link dev.kolide.fleet.transport.grpc.AgentApiGrpcHandler}
 * makes the Jetty handler that {@link dev.kolide.fleet.transport.http.FleetHttpServer} hands gRPC requests to.
 * See docs/fleet-launcher-api.md.
 */
package dev.kolide.fleet.transport.grpc;
