package dev.kolide.fleet.datastore.mysql;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an Instant as the UTC wall-clock time for a DATETIME(6) column, truncated to microseconds (what the
 * column keeps, so that what is written equals what is read back on both engines). Jdbi's own binding goes
 * through java.sql.Timestamp and the JVM's time zone, which shifts values in daylight-saving gaps.
 */
final class UtcInstantArgumentFactory extends AbstractArgumentFactory<Instant> {

    UtcInstantArgumentFactory() {
        super(Types.TIMESTAMP);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        LocalDateTime utc = toUtc(value);
        return (position, statement, context) -> statement.setObject(position, utc);
    }

    static LocalDateTime toUtc(Instant value) {
        return LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
