package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.updater.download.DownloadProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn with {@code \r}, for a terminal only (a log file would fill with redraws).
 * Redraws at most every 100 ms, and always at 100%.
 */
final class ProgressBar implements DownloadProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final LongSupplier nanoTime;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    ProgressBar(PrintStream out, String label, LongSupplier nanoTime) {
        this.out = requireNonNull(out, "out is null");
        this.label = requireNonNull(label, "label is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    @Override
    public synchronized void update(long bytes, long total) {
        long now = nanoTime.getAsLong();
        if (bytes < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        out.print("\r" + line(label, bytes, total));
        out.flush();
    }

    /** Ends the bar's line, if one was drawn, so the next message starts on its own line. */
    synchronized void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    static String line(String label, long bytes, long total) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) bytes / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s/%s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), Math.round(fraction * 100), size(bytes), size(total));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
