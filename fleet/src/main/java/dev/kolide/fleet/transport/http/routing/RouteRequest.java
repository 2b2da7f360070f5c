package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kolide.fleet.transport.http.body.BodyLimit;
import dev.kolide.fleet.transport.http.body.RequestBodies;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.kit.reqid.RequestIdHandler;
import java.net.InetAddress;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * What a {@link JsonHandler} reads: path parameters, query parameters, headers, and the body as JSON, read
 * within the route's body limit with gzip undone. One per request; not thread-safe (a handler runs on one thread).
 */
public final class RouteRequest {

    private final Request request;
    private final Route route;
    private final PathParams pathParams;
    private final JsonCodec codec;
    private final ClientAddresses clientAddresses;
    private byte[] body;
    private Fields queryParameters;

    RouteRequest(Request request, Route route, PathParams pathParams, JsonCodec codec,
            ClientAddresses clientAddresses) {
        this.request = request;
        this.route = route;
        this.pathParams = pathParams;
        this.codec = codec;
        this.clientAddresses = clientAddresses;
    }

    public String method() {
        return request.getMethod();
    }

    /** The path as matched: canonical (dot segments resolved) and still percent-encoded. */
    public String path() {
        return Request.getPathInContext(request);
    }

    /** The template of the route that matched, e.g. {@code /api/v1/kolide/hosts/{id}}. */
    public String routeTemplate() {
        return route.template().template();
    }

    public PathParams pathParams() {
        return pathParams;
    }

    /** The first value of query parameter {@code name} ({@code ?page=2}), decoded. */
    public Optional<String> queryParam(String name) {
        requireNonNull(name, "name is null");
        if (queryParameters == null) {
            queryParameters = Request.extractQueryParameters(request);
        }
        return Optional.ofNullable(queryParameters.getValue(name));
    }

    /** The first value of header {@code name} (any case). */
    public Optional<String> header(String name) {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** The body as {@code type}: 400 when it is not that JSON, 413 when over the route's limit. */
    public <T> T body(Class<T> type) {
        return codec.decode(bodyBytes(), type);
    }

    /** The body as a generic type: {@code request.body(new TypeReference<List<Spec>>() {})}. */
    public <T> T body(TypeReference<T> type) {
        return codec.decode(bodyBytes(), type);
    }

    /** The raw body, decompressed; read once (on the first call), within the route's limit. */
    public byte[] bodyBytes() {
        if (body == null) {
            body = RequestBodies.read(request, route.bodyLimit());
        }
        return body;
    }

    /** The route's body limit. */
    public BodyLimit bodyLimit() {
        return route.bodyLimit();
    }

    /** The client's address (see {@link ClientAddresses} for when X-Forwarded-For counts). */
    public InetAddress clientAddress() {
        return clientAddresses.of(request);
    }

    /** The request id the response carries in X-Request-Id. */
    public String requestId() {
        return RequestIdHandler.requestId(request).orElse("none");
    }

    /** Jetty's request, for what this class does not cover. Do not read its body as well as {@link #body}. */
    public Request jettyRequest() {
        return request;
    }
}
