/**
 * The launcher's gRPC client of {@code kolide.agent.Api} (reference launcher.md §2.1):
 * {@link dev.kolide.launcher.client.grpc.GrpcKolideClient}.
 */
package dev.kolide.launcher.client.grpc;
