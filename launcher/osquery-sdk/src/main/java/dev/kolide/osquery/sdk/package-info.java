/**
 * osquery's Thrift extension protocol: an ExtensionManager client, an Extension server, plugin interfaces for tables, config, logger and distributed.
 */
package dev.kolide.osquery.sdk;
