package dev.kolide.updater.download;

/** Told how far a download is, after each chunk written (from the HTTP client's thread). */
@FunctionalInterface
public interface DownloadProgress {
    /** {@code bytes} of {@code total} (the trusted length) received so far. */
    void update(long bytes, long total);
}
