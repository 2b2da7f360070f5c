/**
 * The launcher's durable local store, {@code <root>/launcher.db}: the config values (host identifier, node key,
 * cached osquery config) and the buffer of logs waiting to be published. SQLite in WAL mode with incremental
 * vacuum, so the file shrinks again after a backlog drains (docs/launcher-store.md).
 */
package dev.kolide.launcher.store;
