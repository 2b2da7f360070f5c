package dev.kolide.fleet.transport.grpc;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.reqid.GrpcRequestIdServerInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.servlet.jakarta.GrpcServlet;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;

/**
 * Builds the Jetty handler that serves gRPC services on fleet's HTTP port, for {@link
 * dev.kolide.fleet.transport.http.FleetHttpServer}'s gRPC constructor:
 *
 * <pre>{@code
 * Handler grpc = AgentApiGrpcHandler.builder().addService(new AgentApiService(launcherApi, push)).build();
 * new FleetHttpServer(options, router, metrics, grpc);
 * }</pre>
 *
 * <p>grpc-servlet's servlet sits in an ee10 servlet context at "/" (grpc-servlet takes the method from the request
 * URI, so the context path must be "/"), mapped to every path: the server's {@code GrpcDispatchHandler} only
 * hands it HTTP/2 requests with a gRPC content type, so nothing else ever reaches it. Every call gets a request id
 * (kit's {@link GrpcRequestIdServerInterceptor}) in its logs.
 */
public final class AgentApiGrpcHandler {

    /**
     * The largest request message accepted, 4 MiB (grpc-java's default, set here so that it is a decision): a
     * launcher sends log and result batches of at most 3 MiB. Larger ones fail with RESOURCE_EXHAUSTED.
     */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    private AgentApiGrpcHandler() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Collects services and settings; {@link #build()} makes the handler. */
    public static final class Builder {
        private final ServletServerBuilder grpc = new ServletServerBuilder();
        private int maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;
        private boolean hasService;

        private Builder() {}

        /** Serves {@code service}, behind the request-id interceptor. */
        public Builder addService(BindableService service) {
            requireNonNull(service, "service is null");
            grpc.addService(ServerInterceptors.intercept(service, new GrpcRequestIdServerInterceptor()));
            hasService = true;
            return this;
        }

        /** The largest request message accepted; {@value #DEFAULT_MAX_INBOUND_MESSAGE_BYTES} bytes by default. */
        public Builder maxInboundMessageBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxInboundMessageBytes must be positive, got " + bytes);
            }
            this.maxInboundMessageBytes = bytes;
            return this;
        }

        /** The handler; its servlet (and the gRPC server behind it) is started and stopped with the Jetty server. */
        public Handler build() {
            if (!hasService) {
                throw new IllegalStateException("add at least one gRPC service before build()");
            }
            GrpcServlet servlet = grpc.maxInboundMessageSize(maxInboundMessageBytes).buildServlet();
            ServletContextHandler context = new ServletContextHandler("/");
            ServletHolder holder = new ServletHolder("grpc", servlet);
            // grpc-servlet answers asynchronously; the container must allow it.
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/*");
            return context;
        }
    }
}
