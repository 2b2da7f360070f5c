package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.List;

/**
 * Writes log lines to a stream, standard output in fleet, for a log collector that reads the container's output.
 * The stream stays the caller's: {@link #close()} flushes it but does not close it.
 */
public final class StdoutLogDestination implements LogDestination {
    private final PrintStream out;
    private boolean closed;

    public StdoutLogDestination(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public synchronized void write(List<String> lines) {
        byte[] batch = LogLines.encode(lines);
        if (closed) {
            throw new LogDestinationException("writing " + lines.size() + " log lines to standard output: closed");
        }
        // One write, so that lines of concurrent batches (or other output) do not interleave mid-line.
        out.write(batch, 0, batch.length);
        out.flush();
        // PrintStream swallows IOExceptions; this is the only way to learn that the lines went nowhere.
        if (out.checkError()) {
            throw new LogDestinationException(
                    "writing " + lines.size() + " log lines to standard output: the stream reported an error");
        }
    }

    @Override
    public synchronized void flush() {
        out.flush();
    }

    @Override
    public void reopen() {
        // Nothing to reopen.
    }

    @Override
    public synchronized void close() {
        closed = true;
        out.flush();
    }
}
