package dev.kolide.fleet.transport.http.osquery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the loosely typed parts of osquery's bodies. osquery sends every result value as a string, statuses as
 * numbers (older versions as numeric strings) and some numbers as strings; these accept what osquery versions
 * send and answer anything else with a 400 naming the field. Values are never quoted back: they may be secrets.
 */
final class WireValues {

    private WireValues() {}

    /** {@code value} or {@code ""} for a missing field. */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A whole number, or a string of one; 400 when missing or anything else. */
    static long wholeNumber(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new BadRequestException(field + " is missing");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadRequestException(field + " must be a whole number");
    }

    /** A scalar as text (a string as is, a number or boolean as written, null as ""); "" when missing. */
    static String scalarText(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new BadRequestException(field + " must be a string");
    }

    /** An object of objects of scalars ({@code host_details}); missing or null is empty. */
    static Map<String, Map<String, String>> tableRows(JsonNode value, String field) {
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> table : fields(value, field)) {
            tables.put(table.getKey(), row(table.getValue(), field + "." + table.getKey()));
        }
        return tables;
    }

    /** {@code queries} of a distributed write: name → array of rows (objects of scalars). */
    static Map<String, List<Map<String, String>>> results(JsonNode value) {
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> query : fields(value, "queries")) {
            String field = "queries." + query.getKey();
            JsonNode rows = query.getValue();
            if (rows == null || rows.isNull()) {
                results.put(query.getKey(), List.of());
                continue;
            }
            if (!rows.isArray()) {
                throw new BadRequestException(field + " must be an array of rows");
            }
            List<Map<String, String>> list = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                list.add(row(rows.get(i), field + "[" + i + "]"));
            }
            results.put(query.getKey(), list);
        }
        return results;
    }

    /** {@code statuses}: name → status code, a number or a numeric string. */
    static Map<String, Integer> statuses(JsonNode value) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> status : fields(value, "statuses")) {
            long code = wholeNumber(status.getValue(), "statuses." + status.getKey());
            if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
                throw new BadRequestException("statuses." + status.getKey() + " is out of range");
            }
            statuses.put(status.getKey(), (int) code);
        }
        return statuses;
    }

    /** {@code messages}: name → error message. */
    static Map<String, String> messages(JsonNode value) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> message : fields(value, "messages")) {
            messages.put(message.getKey(), scalarText(message.getValue(), "messages." + message.getKey()));
        }
        return messages;
    }

    private static Map<String, String> row(JsonNode value, String field) {
        if (value == null || !value.isObject()) {
            throw new BadRequestException(field + " must be an object of column values");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> column : value.properties()) {
            row.put(column.getKey(), scalarText(column.getValue(), field + "." + column.getKey()));
        }
        return row;
    }

    /** The fields of an object; none for a missing or null value; 400 for anything but an object. */
    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Collections.emptyList();
        }
        if (!value.isObject()) {
            throw new BadRequestException(field + " must be an object");
        }
        return value.properties();
    }
}
