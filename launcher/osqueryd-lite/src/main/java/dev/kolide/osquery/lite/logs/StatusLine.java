package dev.kolide.osquery.lite.logs;

import static java.util.Objects.requireNonNull;

/**
 * One status log line as new osquery sends it to loggers: severity (0 info, 1 warning, 2 error, 3 fatal), source
 * file and line, message, calendar time, unix time, host identifier.
 */
public record StatusLine(int severity, String file, int line, String message, String calendarTime, long unixTime,
        String hostIdentifier) {
    public static final int INFO = 0;
    public static final int WARNING = 1;
    public static final int ERROR = 2;

    public StatusLine {
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
        requireNonNull(calendarTime, "calendarTime is null");
        requireNonNull(hostIdentifier, "hostIdentifier is null");
    }
}
