package dev.kolide.osquery.lite.logs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.osquery.lite.schedule.AsciiTime;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands logs to the {@code --logger_plugin} plugins, as osqueryd does: results as {@code {"string": line}} (one call
 * per line), snapshots as {@code {"snapshot": json}}, status lines buffered and sent in batches as
 * {@code {"status":"true","log":"[{s,f,i,m,c,u,h}, ...]"}} to loggers whose features include status logs. A logger
 * that fails is reported on standard error; the logs it missed are not retried.
 */
public final class LogDispatcher {
    /** A batch of status lines never grows past this; older lines are dropped first. */
    static final int MAX_BUFFERED_STATUS = 10_000;

    private final Logger log = LoggerFactory.getLogger(LogDispatcher.class);
    private final List<String> loggers;
    private final PluginCaller plugins;
    private final Clock clock;
    private final Supplier<String> hostIdentifier;
    private final ObjectMapper json;
    private final Map<String, Boolean> wantsStatus = new HashMap<>();
    private final List<StatusLine> pending = new ArrayList<>();

    public LogDispatcher(List<String> loggers, PluginCaller plugins, Clock clock, Supplier<String> hostIdentifier,
            ObjectMapper json) {
        this.loggers = List.copyOf(requireNonNull(loggers, "loggers is null"));
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.hostIdentifier = requireNonNull(hostIdentifier, "hostIdentifier is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Sends {@code init} to each logger and asks for its features (status logs or not). */
    public synchronized void init(String processName) {
        for (String logger : loggers) {
            ExtensionResponse features = plugins.call(Registries.LOGGER, logger, Map.of("action", "features"));
            // The status code is the feature mask; osquery-go answers code 1 ("unknown log request"), which
            // reads as LOGSTATUS, so its loggers get status logs as they do from osqueryd.
            boolean status = (features.status().code() & LoggerPlugin.FEATURE_LOG_STATUS) != 0;
            wantsStatus.put(logger, status);
            ExtensionResponse init = plugins.call(Registries.LOGGER, logger, Map.of("init", processName));
            if (!init.isOk()) {
                log.debug("logger {} init: {}", logger, init.status().message());
            }
        }
    }

    /** One differential result line or one snapshot, to every logger. */
    public void result(String line, boolean snapshot) {
        Map<String, String> request = Map.of(snapshot ? "snapshot" : "string", line);
        for (String logger : loggers) {
            ExtensionResponse response = plugins.call(Registries.LOGGER, logger, request);
            if (!response.isOk()) {
                log.warn("logger {} refused a result log: {}", logger, response.status().message());
            }
        }
    }

    /** Queues a status line (also written to standard error by the caller's own logging). */
    public synchronized void status(int severity, String file, int line, String message) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_BUFFERED_STATUS) {
            pending.remove(0);
        }
        pending.add(new StatusLine(severity, file, line, message, AsciiTime.format(now), now.getEpochSecond(),
                hostIdentifier.get()));
    }

    /** Sends the queued status lines as one batch to each logger that wants them. */
    public void flushStatus() {
        List<StatusLine> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        String body = encode(batch);
        for (String logger : loggers) {
            boolean wanted;
            synchronized (this) {
                wanted = wantsStatus.getOrDefault(logger, true);
            }
            if (!wanted) {
                continue;
            }
            ExtensionResponse response = plugins.call(Registries.LOGGER, logger, Map.of("status", "true", "log", body));
            if (!response.isOk()) {
                log.warn("logger {} refused {} status logs: {}", logger, batch.size(), response.status().message());
            }
        }
    }

    String encode(List<StatusLine> batch) {
        ArrayNode lines = json.createArrayNode();
        for (StatusLine status : batch) {
            ObjectNode line = lines.addObject();
            line.put("s", status.severity());
            line.put("f", status.file());
            line.put("i", status.line());
            line.put("m", status.message());
            line.put("c", status.calendarTime());
            line.put("u", status.unixTime());
            line.put("h", status.hostIdentifier());
        }
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding status logs", e);
        }
    }
}
