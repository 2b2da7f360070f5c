/**
 * fleet's HTTP transport: one Jetty 12 port for the osquery TLS API, the REST API, the operational endpoints and
 * (through {@link dev.kolide.fleet.transport.http.GrpcDispatchHandler}) gRPC. Jetty core handlers, no servlets.
 *
 * <h2>Where things are</h2>
 * <ul>
 *   <li>this package: {@link dev.kolide.fleet.transport.http.FleetHttpServer} (connector, TLS, HTTP/2, timeouts,
 *       graceful stop, run group actor) built from {@link dev.kolide.fleet.transport.http.HttpServerOptions};
 *       the gRPC seam; JSON for Jetty's own errors.</li>
 *   <li>{@code routing/}: {@link dev.kolide.fleet.transport.http.routing.Router}, route groups, path templates,
 *       {@link dev.kolide.fleet.transport.http.routing.RouteRequest} (what a handler reads),
 *       {@link dev.kolide.fleet.transport.http.routing.JsonReply}, client addresses, error responses.</li>
 *   <li>{@code errors/}: the exception hierarchy, the two error styles, mappings of other exceptions.</li>
 *   <li>{@code json/}: the one JSON configuration. {@code body/}: body limits and gzip.</li>
 *   <li>{@code metrics/}: Prometheus request metrics and {@code /metrics}. {@code ops/}: {@code /healthz},
 *       {@code /version}, {@code /metrics} registration.</li>
 * </ul>
 *
 * <h2>Wiring, in main</h2>
 * <pre>{@code
 * JsonCodec codec = new JsonCodec();
 * PrometheusRegistry registry = new PrometheusRegistry();
 * HttpMetrics metrics = new HttpMetrics(registry);
 * Router.Builder routes = Router.builder(codec, metrics)
 *         .exceptionMappings(ExceptionMappings.builder()
 *                 .map(HostNotFoundException.class, e -> new NotFoundException(e.getMessage()))
 *                 .build());
 * OperationalEndpoints.register(routes.group("", ErrorStyle.USER_API), healthChecks, buildInfo, registry,
 *         codec.objectMapper());
 * RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);
 * osquery.post("/enroll", request -> osqueryEndpoints.enroll(request.body(EnrollRequest.class)));
 * osquery.post("/log", osqueryEndpoints::log, withBodyLimit(BodyLimit.OSQUERY_LOG));
 * RouteGroup api = routes.group("/api/v1/kolide", ErrorStyle.USER_API);
 * api.get("/hosts/{id}", request -> Map.of("host", hosts.get(request.pathParams().getId("id"))));
 *
 * FleetHttpServer server = new FleetHttpServer(
 *         HttpServerOptions.tls(keyMaterial).withAddress(config.serverAddress()),
 *         routes.build(), metrics, grpcHandler);
 * group.add("http", server.actor());
 * }</pre>
 */
package dev.kolide.fleet.transport.http;
