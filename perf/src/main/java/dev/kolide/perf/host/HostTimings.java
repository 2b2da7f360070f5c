package dev.kolide.perf.host;

import java.time.Duration;

/**
 * How often a simulated host calls each endpoint, and how much log it produces and keeps.
 *
 * @param resultLogsPerInterval result lines produced every logger interval
 * @param maxBufferedLogs lines kept per type while fleet refuses them
 * @param maxLinesPerRequest lines sent in one log request
 */
public record HostTimings(Duration distributedInterval, Duration configInterval, Duration loggerInterval,
        int resultLogsPerInterval, int maxBufferedLogs, int maxLinesPerRequest) {}
