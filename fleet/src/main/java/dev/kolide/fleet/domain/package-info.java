/**
 * Fleet's domain: plain immutable records and enums for what fleet stores (hosts, labels, queries, packs,
 * scheduled queries, enroll secrets, users, sessions, invites, app config, osquery options, carves, live-query
 * campaigns). No behaviour beyond pure functions of their own fields ({@link dev.kolide.fleet.domain.HostStatus}).
 *
 * <p>Conventions: ids are {@code long} assigned by the datastore; timestamps are {@link java.time.Instant}
 * (UTC, microsecond precision once stored); strings that osquery or users may leave out are {@code ""} rather
 * than {@code null}; fields documented as nullable mean "not set". Records holding secrets (node keys, session
 * keys, password hashes, enroll secrets, tokens) leave them out of {@code toString()}.
 */
package dev.kolide.fleet.domain;
