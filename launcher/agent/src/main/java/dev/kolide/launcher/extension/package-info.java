/**
 * What the launcher offers osqueryd as the {@code kolide_grpc} extension (reference launcher.md §1.3): the config,
 * logger and distributed plugins backed by the server and launcher.db, the log publisher, and the launcher's own
 * tables ({@code extension.table}).
 */
package dev.kolide.launcher.extension;
