/**
 * Request ids: taken from the client when sane, created otherwise, carried in the MDC (so every log line of the
 * request shows {@code request_id}), echoed to the client, and passed on to the services a request calls.
 *
 * <p>Wiring in a server's {@code main}:
 * <pre>{@code
 * server.setHandler(new RequestIdHandler(routes));                           // Jetty 12 core
 * ServerInterceptors.intercept(service, new GrpcRequestIdServerInterceptor()); // gRPC server
 * channelBuilder.intercept(new GrpcRequestIdClientInterceptor());              // gRPC client
 * HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(uri));      // java.net.http client
 * }</pre>
 *
 * <p>Jetty and gRPC are optional dependencies of the kit: {@link dev.kolide.kit.reqid.RequestIds},
 * {@link dev.kolide.kit.reqid.RequestIdScope} and {@link dev.kolide.kit.reqid.HttpClientRequestIds} need
 * neither, and each transport's classes need only their own.
 */
package dev.kolide.kit.reqid;
