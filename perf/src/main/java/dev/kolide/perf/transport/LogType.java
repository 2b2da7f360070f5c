package dev.kolide.perf.transport;

/** The two kinds of osquery logs a host sends. */
public enum LogType {
    RESULT, STATUS
}
