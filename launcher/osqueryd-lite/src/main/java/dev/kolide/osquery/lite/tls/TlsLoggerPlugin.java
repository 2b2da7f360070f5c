package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.osquery.sdk.plugin.LogType;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osquery's {@code tls} logger: result lines (differential and snapshot) and status lines are buffered in memory
 * and, every {@code --logger_tls_period} seconds on this plugin's own thread, POSTed to
 * {@code --logger_tls_endpoint} as {@code {"node_key","log_type":"result"|"status","data":[objects]}}, at most
 * {@code --logger_tls_max_lines} per request and one request per type per period, as osquery's buffered
 * forwarder. Lines are sent as JSON objects (osquery parses each line); a line longer than
 * {@code --logger_tls_max_linesize} or not JSON is dropped with a warning. A failed request puts its lines back
 * for the next period; the buffers are bounded, dropping the oldest lines first.
 */
final class TlsLoggerPlugin {
    static final int MAX_BUFFERED_RESULTS = 100_000;
    static final int MAX_BUFFERED_STATUS = 10_000;
    /** The last flush at stop must not hold the exit up long. */
    static final Duration FINAL_FLUSH_TIMEOUT = Duration.ofSeconds(3);
    static final Duration TICK = Duration.ofSeconds(1);

    private final Logger log = LoggerFactory.getLogger(TlsLoggerPlugin.class);
    private final TlsOptions options;
    private final TlsNodeApi api;
    private final ObjectMapper json;
    private final Deque<String> results = new ArrayDeque<>();
    private final Deque<String> statuses = new ArrayDeque<>();
    private long droppedResults;
    private long droppedStatuses;
    private volatile Duration period;
    private ScheduledExecutorService sender;
    private long lastFlushNanos;

    TlsLoggerPlugin(TlsOptions options, TlsNodeApi api, ObjectMapper json) {
        this.options = requireNonNull(options, "options is null");
        this.api = requireNonNull(api, "api is null");
        this.json = requireNonNull(json, "json is null");
        this.period = options.loggerPeriod();
    }

    LoggerPlugin plugin() {
        return new LoggerPlugin(TlsPlugins.NAME, this::log);
    }

    private void log(LogType type, String text) {
        switch (type) {
            case STRING, SNAPSHOT -> add(results, text, MAX_BUFFERED_RESULTS, true);
            case STATUS -> add(statuses, text, MAX_BUFFERED_STATUS, false);
            default -> { } // init and health: nothing to send
        }
    }

    private void add(Deque<String> buffer, String line, int max, boolean result) {
        if (line.length() > options.loggerMaxLineSize()
                || line.getBytes(StandardCharsets.UTF_8).length > options.loggerMaxLineSize()) {
            log.warn("a {} log line of {} characters exceeds --logger_tls_max_linesize {}; dropped",
                    result ? "result" : "status", line.length(), options.loggerMaxLineSize());
            return;
        }
        synchronized (this) {
            buffer.addLast(line);
            while (buffer.size() > max) {
                buffer.removeFirst();
                if (result) {
                    droppedResults++;
                } else {
                    droppedStatuses++;
                }
            }
        }
    }

    /** {@code logger_tls_period} from the config's options, as osquery reconfigures its forwarder. */
    void setPeriod(Duration next) {
        requireNonNull(next, "next is null");
        if (!next.isNegative() && !next.isZero()) {
            period = next;
        }
    }

    Duration period() {
        return period;
    }

    synchronized int buffered() {
        return results.size() + statuses.size();
    }

    /** Starts sending every period. */
    synchronized void start() {
        if (sender != null) {
            return;
        }
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "osqueryd-lite-tls-logger");
            thread.setDaemon(true);
            return thread;
        });
        lastFlushNanos = System.nanoTime();
        // Ticks every second and sends when a period has passed, so a period changed by the config applies now.
        sender.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (System.nanoTime() - lastFlushNanos < period.toNanos()) {
            return;
        }
        lastFlushNanos = System.nanoTime();
        try {
            flush(options.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (RuntimeException e) {
            log.warn("sending logs failed", e);
        }
    }

    /** Stops the sender, then tries once, briefly, to send what is left. */
    void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = sender;
            sender = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(FINAL_FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            flush(FINAL_FLUSH_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("last log flush failed: {}", e.toString());
        }
        int left = buffered();
        if (left > 0) {
            log.warn("{} logs could not be sent before stopping; they are lost (osqueryd-lite keeps logs in memory)",
                    left);
        }
    }

    /** One period's work: a batch of results, then a batch of statuses. */
    void flush(Duration timeout) throws InterruptedException {
        send("result", results, timeout);
        send("status", statuses, timeout);
        long lostResults;
        long lostStatuses;
        synchronized (this) {
            lostResults = droppedResults;
            lostStatuses = droppedStatuses;
            droppedResults = 0;
            droppedStatuses = 0;
        }
        if (lostResults + lostStatuses > 0) {
            log.warn("the TLS log buffer was full: dropped the {} oldest result and {} oldest status logs",
                    lostResults, lostStatuses);
        }
    }

    private void send(String logType, Deque<String> buffer, Duration timeout) throws InterruptedException {
        List<String> batch = new ArrayList<>();
        synchronized (this) {
            while (!buffer.isEmpty() && batch.size() < options.loggerMaxLines()) {
                batch.add(buffer.removeFirst());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("log_type", logType);
        ArrayNode data = body.putArray("data");
        for (String line : batch) {
            JsonNode parsed = parse(line);
            if (parsed != null) {
                data.add(parsed);
            }
        }
        if (data.isEmpty()) {
            return;
        }
        try {
            api.post(options.loggerEndpoint(), body, 1, timeout);
            log.debug("sent {} {} logs", data.size(), logType);
        } catch (TlsException e) {
            log.warn("sending {} {} logs failed, kept for the next period: {}", batch.size(), logType,
                    e.getMessage());
            putBack(buffer, batch, "result".equals(logType) ? MAX_BUFFERED_RESULTS : MAX_BUFFERED_STATUS,
                    "result".equals(logType));
        } catch (InterruptedException e) {
            putBack(buffer, batch, Integer.MAX_VALUE, true);
            throw e;
        }
    }

    private synchronized void putBack(Deque<String> buffer, List<String> batch, int max, boolean result) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            buffer.addFirst(batch.get(i));
        }
        while (buffer.size() > max) {
            buffer.removeFirst();
            if (result) {
                droppedResults++;
            } else {
                droppedStatuses++;
            }
        }
    }

    private JsonNode parse(String line) {
        try {
            JsonNode node = json.readTree(line);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // below
        }
        log.warn("a log line is not JSON; dropped");
        return null;
    }
}
