package dev.kolide.osquery.lite.internal;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * osqueryd's {@code filesystem} logger: result lines to {@code <logger_path>/osqueryd.results.log}, snapshots to
 * {@code osqueryd.snapshots.log}, status lines (JSON) to {@code osqueryd.status.log}. No rotation.
 */
public final class FilesystemLoggerPlugin {
    private FilesystemLoggerPlugin() {}

    public static LoggerPlugin create(Path loggerPath) {
        requireNonNull(loggerPath, "loggerPath is null");
        return new LoggerPlugin("filesystem", (type, text) -> {
            String file = switch (type) {
                case STRING -> "osqueryd.results.log";
                case SNAPSHOT -> "osqueryd.snapshots.log";
                case STATUS -> "osqueryd.status.log";
                default -> null;
            };
            if (file != null) {
                append(loggerPath.resolve(file), text);
            }
        });
    }

    private static void append(Path file, String line) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
