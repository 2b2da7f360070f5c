package dev.kolide.kit.log;

import static dev.kolide.kit.log.LogSetup.withOutput;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * A Logback context of a test's own, configured by {@link LogSetup} and writing to memory: tests see exactly
 * the lines a program would print, without touching the process-wide context.
 */
public final class CapturedLog implements AutoCloseable {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final LogLevelSwitch levels;

    public CapturedLog(LogOption... options) {
        List<LogOption> all = new ArrayList<>(List.of(options));
        all.add(withOutput(output));
        levels = LogSetup.configure(context, all.toArray(LogOption[]::new));
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    public Logger logger(Class<?> type) {
        return context.getLogger(type);
    }

    public LogLevelSwitch levels() {
        return levels;
    }

    public LoggerContext context() {
        return context;
    }

    /** Everything written so far, split at '\n' only (so a stray '\r' would show inside a line). */
    public List<String> lines() {
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("log output does not end with a newline: " + text);
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** The one line written so far; fails the test if there are none or several. */
    public String onlyLine() {
        List<String> lines = lines();
        if (lines.size() != 1) {
            throw new AssertionError("expected exactly one log line, got " + lines.size() + ": " + lines);
        }
        return lines.get(0);
    }

    @Override
    public void close() {
        context.stop();
    }
}
