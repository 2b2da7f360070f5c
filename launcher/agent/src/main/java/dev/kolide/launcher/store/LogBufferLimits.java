package dev.kolide.launcher.store;

/**
 * Bounds of the log buffer.
 *
 * @param maxBatchBytes  the most UTF-8 bytes of logs handed out in one batch (sized against gRPC's 4 MiB message limit)
 * @param maxLogBytes    a single log larger than this is dropped on append; at most {@code maxBatchBytes}, since a
 *                       log that does not fit in a batch could never be sent
 * @param maxLogsPerKind the most logs kept per kind; above it the oldest are dropped
 */
public record LogBufferLimits(long maxBatchBytes, long maxLogBytes, long maxLogsPerKind) {
    public static final long DEFAULT_MAX_BATCH_BYTES = 3L * 1024 * 1024;
    public static final long DEFAULT_MAX_LOGS_PER_KIND = 500_000;

    public LogBufferLimits {
        if (maxBatchBytes <= 0 || maxLogBytes <= 0 || maxLogsPerKind <= 0) {
            throw new IllegalArgumentException("log buffer limits must be positive: " + maxBatchBytes + " batch bytes, "
                    + maxLogBytes + " log bytes, " + maxLogsPerKind + " logs per kind");
        }
        if (maxLogBytes > maxBatchBytes) {
            throw new IllegalArgumentException("a log of up to " + maxLogBytes + " bytes could never fit in a batch of "
                    + maxBatchBytes + " bytes");
        }
    }

    /** Kolide launcher's limits: 3 MiB batches, 3 MiB logs, 500 000 logs per kind. */
    public static LogBufferLimits defaults() {
        return new LogBufferLimits(DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_LOGS_PER_KIND);
    }
}
