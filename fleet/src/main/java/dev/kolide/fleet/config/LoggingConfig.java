package dev.kolide.fleet.config;

/** {@code logging.*}: fleet's own log lines (not osquery's): debug level, JSON rather than logfmt. */
public record LoggingConfig(boolean debug, boolean json) {}
