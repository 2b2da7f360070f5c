package dev.kolide.fleet.service.launcher;

/**
 * The kinds of logs a launcher publishes (proto {@code LogCollection.LogType}): osquery's results and status
 * lines, and the launcher's own agent logs.
 */
public enum LauncherLogType {
    RESULT,
    STATUS,
    AGENT
}
