package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A logger: osqueryd hands it result logs ({@code string}, {@code snapshot}), status logs, health and init
 * calls. A status call carries a JSON list of status lines; the writer gets one {@link LogType#STATUS} call per
 * line, as osquery-go does.
 */
public final class LoggerPlugin implements Plugin {
    /** Feature bit: the logger wants status logs. */
    public static final int FEATURE_LOG_STATUS = 1;
    /** Feature bit: the logger wants event logs. */
    public static final int FEATURE_LOG_EVENT = 2;

    private final String name;
    private final LogWriter writer;
    private final int features;
    private final ObjectMapper json = new ObjectMapper();

    /** Receives each log. */
    @FunctionalInterface
    public interface LogWriter {
        void log(LogType type, String text) throws Exception;
    }

    /** A logger that wants status logs. */
    public LoggerPlugin(String name, LogWriter writer) {
        this(name, writer, FEATURE_LOG_STATUS);
    }

    /** {@code features} is what the logger answers osqueryd's {@code {"action":"features"}}: a bit mask. */
    public LoggerPlugin(String name, LogWriter writer, int features) {
        this.name = requireNonNull(name, "name is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.features = features;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String registry() {
        return Registries.LOGGER;
    }

    @Override
    public List<Map<String, String>> routes() {
        return List.of();
    }

    @Override
    public ExtensionResponse call(Map<String, String> request) {
        try {
            if (request.containsKey("string")) {
                writer.log(LogType.STRING, request.get("string"));
            } else if (request.containsKey("snapshot")) {
                writer.log(LogType.SNAPSHOT, request.get("snapshot"));
            } else if (request.containsKey("health")) {
                writer.log(LogType.HEALTH, request.get("health"));
            } else if (request.containsKey("init")) {
                writer.log(LogType.INIT, request.get("init"));
            } else if (request.containsKey("status")) {
                List<String> lines;
                try {
                    lines = statusLines(request.getOrDefault("log", ""));
                } catch (IllegalArgumentException e) {
                    return ExtensionResponse.failed(e.getMessage());
                }
                for (String line : lines) {
                    writer.log(LogType.STATUS, line);
                }
            } else if ("features".equals(request.get("action"))) {
                // osqueryd reads the status code as the feature bit mask.
                return new ExtensionResponse(new ExtensionStatus(features, "OK", 0), List.of());
            } else {
                return ExtensionResponse.failed("unknown log request");
            }
        } catch (Exception e) {
            return ExtensionResponse.failed("error logging: " + TablePlugin.message(e));
        }
        return ExtensionResponse.ok(List.of());
    }

    /** The lines of a status call: a JSON list, or the object keyed by "" that older osquery sent. */
    private List<String> statusLines(String log) {
        if (log.isBlank()) {
            throw new IllegalArgumentException("got empty status");
        }
        JsonNode root;
        try {
            root = json.readTree(log);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("error parsing status logs: " + e.getOriginalMessage(), e);
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            throw new IllegalArgumentException("error parsing status logs: neither a list nor an object");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : root) {
            lines.add(line.toString());
        }
        return lines;
    }
}
