/**
 * Routes: method + path template → a handler, with the route group's error style and the route's body limit.
 *
 * <h2>Registering a route</h2>
 * <pre>{@code
 * Router.Builder routes = Router.builder(codec, metrics).exceptionMappings(mappings);
 *
 * RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);      // {"error": ..., "node_invalid"}
 * osquery.post("/enroll", endpoints::enroll);                                     // 1 MiB body limit by default
 * osquery.post("/log", endpoints::log, withBodyLimit(BodyLimit.OSQUERY_LOG));     // 10 MiB
 * osquery.post("/distributed/write", endpoints::write, withBodyLimit(BodyLimit.DISTRIBUTED_WRITE));  // 5 MiB
 *
 * RouteGroup api = routes.group("/api/v1/kolide", ErrorStyle.USER_API);          // {"message": ..., "errors": [...]}
 * api.get("/hosts/{id}", request -> Map.of("host", hosts.get(request.pathParams().getId("id"))));
 * api.delete("/queries/{name}", request -> {
 *     queries.deleteByName(request.pathParams().get("name"));
 *     return JsonReply.empty();                                                   // {}
 * });
 * api.jetty("GET", "/results/websocket", liveResultsHandler);                     // a Jetty handler, for streams
 *
 * Router router = routes.build();
 * }</pre>
 *
 * <h2>In a handler</h2>
 * <ul>
 *   <li>read: {@link dev.kolide.fleet.transport.http.routing.RouteRequest#body(Class)} (JSON, gzip undone, limit
 *       applied; 400/413 on failure), {@code pathParams().get/getLong/getId}, {@code queryParam}, {@code header},
 *       {@code clientAddress}, {@code requestId};</li>
 *   <li>answer: return any value (encoded as JSON, 200) or a {@link
 *       dev.kolide.fleet.transport.http.routing.JsonReply} for another status, headers or 204;</li>
 *   <li>fail: throw an {@code errors.ApiException} subclass, or a domain exception the wiring maps with
 *       {@code ExceptionMappings}; anything else is a 500 logged with its stack trace and request id.</li>
 * </ul>
 */
package dev.kolide.fleet.transport.http.routing;
