package dev.kolide.kit.log;

/** How log lines are written. Both carry the same keys in the same order. */
public enum LogFormat {
    /** {@code key=value} pairs, one event per line: readable in a terminal, for command-line tools. */
    LOGFMT,
    /** One JSON object per line: for servers whose output is collected and parsed. */
    JSON
}
