package dev.kolide.osquery.lite.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * osquery's result log lines. Differential: one line per added or removed row,
 * {@code {"name","hostIdentifier","calendarTime","unixTime","epoch","counter","numerics","decorations","columns",
 * "action"}}; snapshot: the same header with {@code "snapshot":[rows],"action":"snapshot"}. Columns are sorted by
 * name, values are strings unless {@code numerics} (osquery's {@code --logger_numerics}) writes numeric columns as
 * numbers. {@code decorations} is left out when there are none, as osquery does.
 */
public final class ResultLogFormat {
    private final ObjectMapper json;
    private final boolean numerics;

    public ResultLogFormat(ObjectMapper json, boolean numerics) {
        this.json = requireNonNull(json, "json is null");
        this.numerics = numerics;
    }

    /** What every line of one query run shares. */
    public record Header(String name, String hostIdentifier, Instant time, long epoch, long counter,
            Map<String, String> decorations, Map<String, String> types) {
        public Header {
            requireNonNull(name, "name is null");
            requireNonNull(hostIdentifier, "hostIdentifier is null");
            requireNonNull(time, "time is null");
            decorations = Map.copyOf(requireNonNull(decorations, "decorations is null"));
            types = Map.copyOf(requireNonNull(types, "types is null"));
        }
    }

    /** The lines of a differential result: removed rows first, then added, as osquery logs them. */
    public List<String> differential(Header header, List<Map<String, String>> added, List<Map<String, String>> removed) {
        List<String> lines = new ArrayList<>(added.size() + removed.size());
        for (Map<String, String> row : removed) {
            ObjectNode line = header(header);
            line.set("columns", row(row, header.types()));
            line.put("action", "removed");
            lines.add(write(line));
        }
        for (Map<String, String> row : added) {
            ObjectNode line = header(header);
            line.set("columns", row(row, header.types()));
            line.put("action", "added");
            lines.add(write(line));
        }
        return lines;
    }

    public String snapshot(Header header, List<Map<String, String>> rows) {
        ObjectNode line = header(header);
        ArrayNode snapshot = line.putArray("snapshot");
        for (Map<String, String> row : rows) {
            snapshot.add(row(row, header.types()));
        }
        line.put("action", "snapshot");
        return write(line);
    }

    private ObjectNode header(Header header) {
        ObjectNode line = json.createObjectNode();
        line.put("name", header.name());
        line.put("hostIdentifier", header.hostIdentifier());
        line.put("calendarTime", AsciiTime.format(header.time()));
        line.put("unixTime", header.time().getEpochSecond());
        line.put("epoch", header.epoch());
        line.put("counter", header.counter());
        line.put("numerics", numerics);
        if (!header.decorations().isEmpty()) {
            ObjectNode decorations = line.putObject("decorations");
            new TreeMap<>(header.decorations()).forEach(decorations::put);
        }
        return line;
    }

    private ObjectNode row(Map<String, String> row, Map<String, String> types) {
        ObjectNode columns = json.createObjectNode();
        new TreeMap<>(row).forEach((name, value) -> {
            String type = types.getOrDefault(name, "TEXT");
            if (numerics && isNumericType(type) && value != null && !value.isEmpty()) {
                try {
                    columns.put(name, new BigDecimal(value));
                    return;
                } catch (NumberFormatException e) {
                    // not a number after all: keep the text
                }
            }
            columns.put(name, value);
        });
        return columns;
    }

    private static boolean isNumericType(String type) {
        return type.equals("INTEGER") || type.equals("BIGINT") || type.equals("UNSIGNED BIGINT")
                || type.equals("DOUBLE");
    }

    private String write(ObjectNode line) {
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding a result log line", e);
        }
    }
}
