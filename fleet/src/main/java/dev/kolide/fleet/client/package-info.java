/**
 * A typed client of fleet's REST API, as fleetctl uses it: {@link dev.kolide.fleet.client.FleetClient} over
 * {@code java.net.http} with TLS set up by {@code dev.kolide.kit.tls}, the spec records fleetctl applies and prints
 * ({@link dev.kolide.fleet.client.QuerySpec}, {@link dev.kolide.fleet.client.PackSpec} ...), and
 * {@link dev.kolide.fleet.client.LiveQueryStream} for a live query's results socket.
 *
 * <p>The server's error answers ({@code {"message", "errors":[{"name","reason"}]}}) become
 * {@link dev.kolide.fleet.client.FleetApiException} carrying the server's words; failures to reach the server
 * become {@link dev.kolide.fleet.client.FleetClientException} saying what was being done.
 */
package dev.kolide.fleet.client;
