package dev.kolide.fleet.transport.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The seam where gRPC joins the HTTP port (reference §3): HTTP/2 requests whose {@code Content-Type} is
 * {@code application/grpc} (or {@code application/grpc+proto} ...) go to the gRPC handler, everything else to
 * the HTTP handler. That is Kolide Fleet's rule ({@code ProtoMajor == 2} and a gRPC content type). gRPC over
 * HTTP/1.1 is not gRPC to any real client, so it goes to the HTTP side, which answers 404.
 *
 * <p>The gRPC handler is any Jetty handler: the servlet adapter of grpc-servlet-jakarta inside an ee10
 * {@code ServletContextHandler} at context path "/" works (see docs/java-stack). Both handlers are started and
 * stopped with the server.
 */
public final class GrpcDispatchHandler extends Handler.AbstractContainer {

    private static final String GRPC_CONTENT_TYPE = "application/grpc";

    private final Handler grpc;
    private final Handler http;

    public GrpcDispatchHandler(Handler grpc, Handler http) {
        this.grpc = requireNonNull(grpc, "grpc is null");
        this.http = requireNonNull(http, "http is null");
        addBean(grpc);
        addBean(http);
    }

    /** Whether {@code request} is a gRPC call: HTTP/2 and a gRPC content type. */
    public static boolean isGrpc(Request request) {
        if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_2) {
            return false;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return contentType != null
                && contentType.regionMatches(true, 0, GRPC_CONTENT_TYPE, 0, GRPC_CONTENT_TYPE.length());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return isGrpc(request) ? grpc.handle(request, response, callback) : http.handle(request, response, callback);
    }

    @Override
    public List<Handler> getHandlers() {
        return List.of(grpc, http);
    }
}
