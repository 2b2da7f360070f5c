package dev.kolide.kit.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * The fields of one logging event, in the order both encoders write them: {@code ts, level, caller, msg}, the
 * event's key-values (SLF4J fluent API), MDC entries (sorted by key), {@code logger}, then {@code err} and
 * {@code stacktrace} for an exception.
 *
 * <p>Keys are unique on a line so the JSON form stays a valid object: a key already used is written again as
 * {@code key_2}, {@code key_3} ... rather than dropped, and an MDC entry that repeats an explicit key-value
 * (same key, same value) is left out as noise.
 */
final class LogLine {

    static final String TS = "ts";
    static final String LEVEL = "level";
    static final String CALLER = "caller";
    static final String MSG = "msg";
    static final String LOGGER = "logger";
    static final String ERR = "err";
    static final String STACKTRACE = "stacktrace";

    // Fixed milliseconds, so lines align and sort as text; ISO_INSTANT would drop trailing zeros.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final List<LogField> fields = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    private LogLine() {}

    /** {@code callers} null leaves the caller field out. */
    static List<LogField> fieldsOf(ILoggingEvent event, CallerLocator callers) {
        LogLine line = new LogLine();
        line.add(TS, TIMESTAMP.format(event.getInstant()));
        line.add(LEVEL, levelName(event.getLevel()));
        if (callers != null) {
            line.add(CALLER, callers.callerOf(event));
        }
        String message = event.getFormattedMessage();
        line.add(MSG, message == null ? "" : message);

        List<KeyValuePair> pairs = event.getKeyValuePairs();
        Map<String, Object> explicit = new TreeMap<>();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                Object value = plainValue(pair.value);
                line.add(String.valueOf(pair.key), value);
                explicit.put(String.valueOf(pair.key), value);
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
                if (!entry.getValue().equals(explicit.get(entry.getKey()))) {
                    line.add(entry.getKey(), entry.getValue());
                }
            }
        }
        line.add(LOGGER, shortName(event.getLoggerName()));

        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.add(ERR, thrown.getMessage() != null ? thrown.getMessage() : thrown.getClassName());
            line.add(STACKTRACE, ThrowableProxyUtil.asString(thrown).stripTrailing());
        }
        return line.fields;
    }

    static String levelName(Level level) {
        return level.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code File.java:42}; the class's simple name stands in when the class was compiled without debug info. */
    static String caller(StackTraceElement[] callerData) {
        if (callerData == null || callerData.length == 0) {
            return "?";
        }
        StackTraceElement frame = callerData[0];
        return CallerLocator.format(frame.getFileName(), frame.getClassName(), frame.getLineNumber());
    }

    static String shortName(String loggerName) {
        if (loggerName == null) {
            return "";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    /** Numbers and booleans keep their type (JSON writes them bare); anything else becomes its toString. */
    static Object plainValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            // A broken toString must not cost the log line (or throw into the caller's code).
            return "<toString of " + value.getClass().getName() + " failed: " + e + ">";
        }
    }

    private void add(String key, Object value) {
        String unique = key;
        for (int n = 2; !keys.add(unique); n++) {
            unique = key + "_" + n;
        }
        fields.add(new LogField(unique, value));
    }
}
