/**
 * The launcher–fleet wire contract, generated from {@code src/main/proto}: {@code kolide.agent.Api} (enrollment,
 * config, distributed queries, logs, results, health) and {@code kolide.launcher.QueryTarget}. The messages and
 * their field numbers are Kolide's, so either side interoperates with the Go originals.
 */
package dev.kolide.agent.api;
