package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.store.LogBuffer;
import dev.kolide.osquery.sdk.plugin.LogType;
import java.util.List;

/**
 * The {@code kolide_grpc} logger plugin's writer: every log osqueryd hands over is first made durable in
 * launcher.db and only later sent (reference launcher.md §1.3, §1.4), so nothing osqueryd logged is lost while the
 * server is away. Result logs ({@code string}, {@code snapshot}) and status logs are buffered apart.
 */
public final class LogSink {
    private final LogBuffer buffer;

    public LogSink(LogBuffer buffer) {
        this.buffer = requireNonNull(buffer, "buffer is null");
    }

    /** Buffers one log; {@code init} is ignored and {@code health} is refused, as Kolide's launcher does. */
    public void write(LogType type, String text) {
        switch (type) {
            case STRING, SNAPSHOT -> buffer.append(LogKind.RESULT, List.of(text));
            case STATUS -> buffer.append(LogKind.STATUS, List.of(text));
            case INIT -> { }
            case HEALTH -> throw new UnsupportedOperationException("health logs are not supported");
            default -> throw new IllegalArgumentException("unknown log type " + type);
        }
    }
}
