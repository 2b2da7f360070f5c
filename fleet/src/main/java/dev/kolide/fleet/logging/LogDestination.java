package dev.kolide.fleet.logging;

import java.util.List;

/**
 * One place osquery log lines go: every result log, or every status log. Implementations are thread-safe.
 */
public interface LogDestination extends AutoCloseable {

    /**
     * Appends {@code lines} in order, each followed by a newline. A line is one JSON document as osquery sent it
     * (re-encoded compactly by the caller), and must not contain a line break.
     *
     * <p>Returns once the lines are with the operating system (not necessarily on disk; see {@link #flush()}).
     *
     * @throws IllegalArgumentException if a line contains {@code \n} or {@code \r}; nothing is written
     * @throws LogDestinationException if the lines could not be written; the caller must report a failure so
     *     that the sender keeps them and retries
     */
    void write(List<String> lines);

    /** Pushes what was written to its final medium (fsync for a file). */
    void flush();

    /**
     * Lets go of the current file and opens it again by name, for logrotate's move-then-signal rotation. Does
     * nothing where there is no file.
     *
     * @throws LogDestinationException if the file cannot be opened again; later writes try again
     */
    void reopen();

    /** Flushes and releases the destination; writes after this fail. Closing twice is harmless. */
    @Override
    void close();
}
