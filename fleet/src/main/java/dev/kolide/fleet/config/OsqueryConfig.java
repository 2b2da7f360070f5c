package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code osquery.*}: node keys, where host logs go, and how often hosts are asked for details and labels.
 *
 * @param enableLogRotation rotate the log files at 500 MB, keeping 3 for up to 28 days (Kolide's numbers)
 * @param logLiveQueryResults also write live-query answers to the result log (fleetdm #366)
 */
public record OsqueryConfig(int nodeKeySize, LogPlugin statusLogPlugin, LogPlugin resultLogPlugin,
        Path statusLogFile, Path resultLogFile, boolean enableLogRotation, Duration labelUpdateInterval,
        Duration detailUpdateInterval, boolean logLiveQueryResults) {
    public OsqueryConfig {
        requireNonNull(statusLogPlugin, "statusLogPlugin is null");
        requireNonNull(resultLogPlugin, "resultLogPlugin is null");
        requireNonNull(statusLogFile, "statusLogFile is null");
        requireNonNull(resultLogFile, "resultLogFile is null");
        requireNonNull(labelUpdateInterval, "labelUpdateInterval is null");
        requireNonNull(detailUpdateInterval, "detailUpdateInterval is null");
    }

    /** Without live-query results in the result log. */
    public OsqueryConfig(int nodeKeySize, LogPlugin statusLogPlugin, LogPlugin resultLogPlugin, Path statusLogFile,
            Path resultLogFile, boolean enableLogRotation, Duration labelUpdateInterval,
            Duration detailUpdateInterval) {
        this(nodeKeySize, statusLogPlugin, resultLogPlugin, statusLogFile, resultLogFile, enableLogRotation,
                labelUpdateInterval, detailUpdateInterval, false);
    }
}
