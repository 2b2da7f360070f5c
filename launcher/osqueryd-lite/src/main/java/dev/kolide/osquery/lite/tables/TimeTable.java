package dev.kolide.osquery.lite.tables;

import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.bigint;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.integer;
import static dev.kolide.osquery.sdk.plugin.ColumnDefinition.text;
import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.lite.schedule.AsciiTime;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** osquery's {@code time}: the clock now, in UTC (as osquery with {@code --utc}), plus the local zone's name. */
public final class TimeTable implements Table {
    private final Clock clock;

    public TimeTable(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return List.of(text("weekday"), integer("year"), integer("month"), integer("day"), integer("hour"),
                integer("minutes"), integer("seconds"), text("timezone"), text("local_timezone"),
                bigint("unix_time"), text("timestamp"), text("datetime"), text("iso_8601"));
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        Instant now = clock.instant().with(ChronoField.NANO_OF_SECOND, 0);
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        ZoneId local = clock.getZone();
        String iso = DateTimeFormatter.ISO_INSTANT.format(now);
        return List.of(Rows.of(
                "weekday", utc.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT),
                "year", utc.getYear(), "month", utc.getMonthValue(), "day", utc.getDayOfMonth(),
                "hour", utc.getHour(), "minutes", utc.getMinute(), "seconds", utc.getSecond(),
                "timezone", "UTC",
                "local_timezone", local.getDisplayName(TextStyle.SHORT, Locale.ROOT),
                "unix_time", now.getEpochSecond(),
                "timestamp", AsciiTime.format(now),
                "datetime", iso,
                "iso_8601", iso));
    }
}
