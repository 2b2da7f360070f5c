/**
 * The REST API for people and fleetctl, with Kolide Fleet 3.2.0's paths and JSON: {@code POST /api/v1/setup}
 * and {@code /api/v1/kolide/*} (sessions, users, queries, packs and scheduled queries, labels, hosts, targets,
 * app config, enroll secret and osquery options specs, carves). Live queries are issue 4's.
 *
 * <h2>Wiring</h2>
 * {@link dev.kolide.fleet.transport.http.api.ApiRoutes#register} adds every route to a router builder;
 * {@link dev.kolide.fleet.transport.http.api.ApiExceptionMappings} adds the mappings of the services' and the
 * datastore's exceptions to the router's; the services come from
 * {@link dev.kolide.fleet.service.api.ApiServices#create}.
 *
 * <h2>What a route does</h2>
 * Decode (path, query parameters, JSON body: malformed or mistyped is a 400 from the codec), authenticate
 * ({@link dev.kolide.fleet.transport.http.api.Authenticator}: {@code Authorization: Bearer <token>}), call one
 * service, encode the answer as Kolide does ({@code {"host": {...}}}, {@code {"hosts": [...]}}, {@code {}}).
 * Roles, validation and every other rule live in the services, so no route decides who may do what.
 *
 * <p>Sub-packages hold each concern's routes and JSON records. Names on the wire are the records' components
 * in snake_case (the codec's naming strategy).
 */
package dev.kolide.fleet.transport.http.api;
