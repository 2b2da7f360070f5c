package dev.kolide.launcher.store;

import dev.kolide.launcher.service.LogKind;
import java.util.List;
import java.util.Optional;

/** The durable buffer of logs waiting to be published, oldest first per kind. Safe for use by several threads. */
public interface LogBuffer {
    /**
     * Durably appends logs of one kind in order (one transaction for the list). A single log over maxLogBytes is
     * dropped with a WARN naming its kind and size (not stored). When the kind holds more than maxLogsPerKind, the
     * oldest are deleted and the number dropped is logged at WARN (a running total too).
     */
    void append(LogKind kind, List<String> logs);

    /**
     * The oldest logs of a kind, in order, whose total UTF-8 size is at most maxBatchBytes (always at least one log if
     * any is stored); empty when none. Does not remove them.
     */
    Optional<LogBatch> nextBatch(LogKind kind);

    /** Deletes exactly the logs of this batch (logs appended since are kept). Called only after the server accepted them. */
    void acknowledge(LogBatch batch);

    long count(LogKind kind);

    /** Reclaims free pages so the file does not keep the size of a drained backlog. */
    void compact();

    /** How many logs of a kind this buffer has dropped since it was opened (oversized, or over the cap). */
    long dropped(LogKind kind);
}
