package dev.kolide.osquery.lite.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * osquery's {@code calendarTime}: C's {@code asctime} in UTC with " UTC" appended, e.g.
 * {@code "Mon Jan  3 12:00:00 2022 UTC"} (the day padded with a space to two characters).
 */
public final class AsciiTime {
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AsciiTime() {}

    public static String format(Instant instant) {
        return ASCTIME.format(instant) + " UTC";
    }
}
