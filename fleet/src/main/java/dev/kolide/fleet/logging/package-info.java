/**
 * Where osquery's result and status logs go, as Kolide Fleet's {@code osquery.result_log_plugin} and
 * {@code osquery.status_log_plugin} chose: {@link dev.kolide.fleet.logging.FilesystemLogDestination} (JSON lines
 * appended to a file, optional size-based rotation, reopened on SIGHUP for logrotate) or
 * {@link dev.kolide.fleet.logging.StdoutLogDestination}. {@link dev.kolide.fleet.logging.LogDestinations} holds
 * the pair a fleet server writes to.
 *
 * <p>A write either puts every line of the batch where it belongs or throws
 * {@link dev.kolide.fleet.logging.LogDestinationException}; the HTTP layer then answers 500, and osquery keeps
 * the lines buffered and sends them again.
 */
package dev.kolide.fleet.logging;
