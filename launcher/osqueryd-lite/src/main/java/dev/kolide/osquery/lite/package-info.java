/**
 * An osqueryd-compatible engine for development, demos, tests and load simulation: serves the ExtensionManager, runs SQL on SQLite over live system tables, drives config, schedule, logger and distributed plugins.
 */
package dev.kolide.osquery.lite;
