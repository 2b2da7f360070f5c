package dev.kolide.perf;

import java.time.Duration;

/**
 * One load test: how many hosts, how fast they start, how often each calls which endpoint, and for how long.
 *
 * @param hostPrefix host names are {@code <prefix>-00000} ...; a different prefix simulates different hosts
 * @param resultLogsPerInterval result log lines each host produces per logger interval
 * @param maxBufferedLogs lines a host keeps while fleet refuses its logs (older ones are dropped beyond that)
 * @param maxInFlight requests in flight at once, across all hosts (the back-pressure bound)
 */
public record SimulationSettings(int hosts, String hostPrefix, Duration startPeriod, Duration distributedInterval,
        Duration configInterval, Duration loggerInterval, Duration duration, Duration reportInterval,
        double noResultProbability, int resultLogsPerInterval, int maxBufferedLogs, int maxInFlight,
        int schedulerThreads) {

    /** Most lines in one log request, as osquery's {@code --logger_tls_max_lines}. */
    public static final int MAX_LOG_LINES_PER_REQUEST = 1024;

    public SimulationSettings {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, not " + hosts);
        }
        for (Duration interval : new Duration[] {distributedInterval, configInterval, loggerInterval, reportInterval,
            duration}) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("intervals and the duration must be positive, not " + interval);
            }
        }
        if (startPeriod.isNegative()) {
            throw new IllegalArgumentException("the start period must not be negative, not " + startPeriod);
        }
        if (schedulerThreads < 1 || maxInFlight < 1 || maxBufferedLogs < 0 || resultLogsPerInterval < 0) {
            throw new IllegalArgumentException("scheduler threads and max in flight must be at least 1, log counts"
                    + " not negative");
        }
    }

    /** Settings as fleetdm's osquery-perf uses them: 10 s distributed and logger intervals, 1 min config. */
    public static SimulationSettings defaults(int hosts, Duration duration) {
        return new SimulationSettings(hosts, "perf-host", Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofSeconds(10), duration, Duration.ofSeconds(10), 0.2, 1, 10_000, 256,
                2);
    }

    public SimulationSettings withStartPeriod(Duration value) {
        return new SimulationSettings(hosts, hostPrefix, value, distributedInterval, configInterval, loggerInterval,
                duration, reportInterval, noResultProbability, resultLogsPerInterval, maxBufferedLogs, maxInFlight,
                schedulerThreads);
    }

    public SimulationSettings withIntervals(Duration distributed, Duration config, Duration logger) {
        return new SimulationSettings(hosts, hostPrefix, startPeriod, distributed, config, logger, duration,
                reportInterval, noResultProbability, resultLogsPerInterval, maxBufferedLogs, maxInFlight,
                schedulerThreads);
    }

    public SimulationSettings withReportInterval(Duration value) {
        return new SimulationSettings(hosts, hostPrefix, startPeriod, distributedInterval, configInterval,
                loggerInterval, duration, value, noResultProbability, resultLogsPerInterval, maxBufferedLogs,
                maxInFlight, schedulerThreads);
    }

    public SimulationSettings withHostPrefix(String value) {
        return new SimulationSettings(hosts, value, startPeriod, distributedInterval, configInterval, loggerInterval,
                duration, reportInterval, noResultProbability, resultLogsPerInterval, maxBufferedLogs, maxInFlight,
                schedulerThreads);
    }
}
