package dev.kolide.fleet.transport.http.routing;

/**
 * Serves one route: decode the request, call a service, return what to answer. The router encodes the returned
 * value as JSON with status 200, or as a {@link JsonReply} says. Throw an {@code ApiException} (or an exception
 * the wiring maps to one) to answer an error in the route group's style; anything else becomes a 500.
 *
 * <pre>{@code
 * api.get("/hosts/{id}", request -> Map.of("host", hosts.get(request.pathParams().getLong("id"))));
 * osquery.post("/enroll", request -> {
 *     EnrollRequest enroll = request.body(EnrollRequest.class);
 *     return new EnrollResponse(service.enroll(enroll));
 * });
 * }</pre>
 *
 * <p>It runs on a Jetty thread and may block (datastore calls); the request id is in the MDC meanwhile.
 */
@FunctionalInterface
public interface JsonHandler {

    /** The body to answer with (encoded as JSON, 200), or a {@link JsonReply}; never null. */
    Object handle(RouteRequest request) throws Exception;
}
