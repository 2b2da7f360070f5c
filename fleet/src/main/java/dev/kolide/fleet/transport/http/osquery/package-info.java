/**
 * The osquery TLS API over HTTP ({@code /api/v1/osquery/*}): osquery's JSON in, {@link
 * dev.kolide.fleet.service.osquery.OsqueryService} calls, osquery's JSON out. {@link
 * dev.kolide.fleet.transport.http.osquery.OsqueryRoutes} registers the routes; the wire shapes and their loose
 * types are in {@code OsqueryWire} and {@code WireValues}. See docs/fleet-osquery-api.md.
 */
package dev.kolide.fleet.transport.http.osquery;
