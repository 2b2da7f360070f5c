/**
 * JSON for request and response bodies: {@link dev.kolide.fleet.transport.http.json.JsonCodec}, one shared
 * configuration (snake_case, RFC 3339 times, records, unknown fields ignored) with decoding errors that become
 * 400s a client can read.
 */
package dev.kolide.fleet.transport.http.json;
