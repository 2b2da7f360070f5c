package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a {@link FilesystemLogDestination} starts a new file, and which old ones it keeps (lumberjack's rules,
 * which Kolide Fleet used).
 *
 * @param maxBytes a batch that would take the file past this size goes to a new file
 * @param maxBackups rotated files to keep, newest first; 0 keeps all (unless too old)
 * @param maxAge rotated files older than this (by the time in their name) are deleted; zero keeps them
 * @param compress gzip rotated files ({@code <name>.gz}); done while writes wait, so it suits modest sizes
 */
public record LogRotation(long maxBytes, int maxBackups, Duration maxAge, boolean compress) {
    private static final long MEGABYTE = 1024L * 1024L;

    /** Kolide Fleet's settings: 500 MB files, 3 backups, 28 days, no compression. */
    public static final LogRotation KOLIDE = new LogRotation(500 * MEGABYTE, 3, Duration.ofDays(28), false);

    public LogRotation {
        requireNonNull(maxAge, "maxAge is null");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        if (maxBackups < 0) {
            throw new IllegalArgumentException("maxBackups must not be negative, not " + maxBackups);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, not " + maxAge);
        }
    }
}
