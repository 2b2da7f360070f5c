package dev.kolide.osquery.lite.internal;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.LogType;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.io.PrintStream;

/** osqueryd's {@code stdout} logger: result and snapshot lines to standard output, one per line. */
public final class StdoutLoggerPlugin {
    private StdoutLoggerPlugin() {}

    public static LoggerPlugin create(PrintStream out) {
        requireNonNull(out, "out is null");
        return new LoggerPlugin("stdout", (type, text) -> {
            if (type == LogType.STRING || type == LogType.SNAPSHOT) {
                synchronized (out) {
                    out.println(text);
                    out.flush();
                }
            }
        }, 0);
    }
}
