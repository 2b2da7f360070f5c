package dev.kolide.fleet.service.osquery.detail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading osquery result rows, whose values are all text, the way Kolide Fleet read them. */
final class Rows {
    private static final Logger LOG = LoggerFactory.getLogger(Rows.class);

    private Rows() {}

    /** The single row a {@code limit 1} query returns; empty (logged) when the host sent none. */
    static Optional<Map<String, String>> single(String detail, List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            LOG.atDebug().addKeyValue("detail", detail).log("detail query returned no rows; fields left as they were");
            return Optional.empty();
        }
        return Optional.of(rows.get(0));
    }

    /** The column's text, {@code ""} when absent. */
    static String text(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null ? "" : value;
    }

    /**
     * The column as a non-negative whole number: {@code ""} or absent is 0 (Kolide's emptyToZero), anything else
     * that is not a number (or is negative) is empty, and logged.
     */
    static OptionalLong number(String detail, Map<String, String> row, String column) {
        String value = text(row, column).strip();
        if (value.isEmpty()) {
            return OptionalLong.of(0);
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return OptionalLong.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.atDebug().addKeyValue("detail", detail).addKeyValue("column", column)
                .log("detail query value is not a whole number; field left as it was");
        return OptionalLong.empty();
    }

    /** As {@link #number}, within an int (an out-of-range value is empty). */
    static OptionalLong smallNumber(String detail, Map<String, String> row, String column) {
        OptionalLong number = number(detail, row, column);
        return number.isPresent() && number.getAsLong() > Integer.MAX_VALUE ? OptionalLong.empty() : number;
    }
}
