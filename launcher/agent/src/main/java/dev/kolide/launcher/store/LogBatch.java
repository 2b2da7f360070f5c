package dev.kolide.launcher.store;

import dev.kolide.launcher.service.LogKind;
import java.util.List;
import java.util.Objects;

/**
 * The oldest buffered logs of one kind, handed to the publisher; acknowledging it deletes exactly sequences
 * {@code firstSequence..lastSequence} of that kind.
 *
 * @param bytes the total UTF-8 size of {@code logs}
 */
public record LogBatch(LogKind kind, List<String> logs, long firstSequence, long lastSequence, long bytes) {
    public LogBatch {
        Objects.requireNonNull(kind, "kind");
        logs = List.copyOf(logs);
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("a log batch holds at least one log");
        }
        if (firstSequence > lastSequence) {
            throw new IllegalArgumentException("batch sequences out of order: " + firstSequence + ".." + lastSequence);
        }
    }
}
