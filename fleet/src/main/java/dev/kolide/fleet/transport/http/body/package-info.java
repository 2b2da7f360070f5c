/**
 * Request bodies read whole, within a per-route {@link dev.kolide.fleet.transport.http.body.BodyLimit}, gzip
 * undone: {@link dev.kolide.fleet.transport.http.body.RequestBodies}.
 */
package dev.kolide.fleet.transport.http.body;
