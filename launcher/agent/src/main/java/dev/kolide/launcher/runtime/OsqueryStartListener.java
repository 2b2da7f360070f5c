package dev.kolide.launcher.runtime;

import java.nio.file.Path;

/**
 * Hears how each osqueryd start went, with the binary that was run, so that something outside the runtime (the
 * autoupdater) can give up on a binary that never comes up. Called on the runtime's thread: return quickly.
 */
public interface OsqueryStartListener {
    /** Listens to nothing. */
    OsqueryStartListener NONE = new OsqueryStartListener() {
        @Override
        public void started(Path binary) {}

        @Override
        public void failed(Path binary, int consecutiveFailures, String reason) {}
    };

    /** osqueryd from {@code binary} came up and answered its first health check. */
    void started(Path binary);

    /**
     * A start of {@code binary} failed; {@code consecutiveFailures} counts this binary's failed starts since the
     * last successful start (1 for the first).
     */
    void failed(Path binary, int consecutiveFailures, String reason);
}
