package dev.kolide.fleet.domain;

/**
 * The osquery intervals a host reported (osquery_flags), in seconds; 0 until reported.
 *
 * @param distributedInterval {@code --distributed_interval}: how often the host asks for live queries
 * @param configTlsRefresh {@code --config_tls_refresh} (or {@code --config_refresh}): how often it fetches config
 * @param loggerTlsPeriod {@code --logger_tls_period}: how often it sends logs
 */
public record HostIntervals(int distributedInterval, int configTlsRefresh, int loggerTlsPeriod) {

    public HostIntervals {
        if (distributedInterval < 0 || configTlsRefresh < 0 || loggerTlsPeriod < 0) {
            throw new IllegalArgumentException("intervals must not be negative: " + distributedInterval + ", "
                    + configTlsRefresh + ", " + loggerTlsPeriod);
        }
    }

    /** Intervals of a host that has not reported its flags yet. */
    public static HostIntervals unknown() {
        return new HostIntervals(0, 0, 0);
    }
}
