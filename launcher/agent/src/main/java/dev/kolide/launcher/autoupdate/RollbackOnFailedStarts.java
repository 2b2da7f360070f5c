package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import dev.kolide.launcher.runtime.OsqueryStartListener;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on an installed osqueryd update that fails to come up {@code maxFailures} times in a row: its version is
 * marked broken, so the runtime's next start (whose binary source asks {@link InstalledUpdates#newest}) runs the
 * previous version or the packaged osqueryd. The packaged one is never given up on: the runtime keeps retrying it.
 */
public final class RollbackOnFailedStarts implements OsqueryStartListener {
    /** Three failed starts: one could be bad luck (a stale lock), three in a row with back-off is the build. */
    public static final int DEFAULT_MAX_FAILURES = 3;

    private final Logger log = LoggerFactory.getLogger(RollbackOnFailedStarts.class);
    private final InstalledUpdates installed;
    private final int maxFailures;

    public RollbackOnFailedStarts(InstalledUpdates installed, int maxFailures) {
        this.installed = requireNonNull(installed, "installed is null");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        this.maxFailures = maxFailures;
    }

    @Override
    public void started(Path binary) {
        // a good start needs nothing: the runtime resets its count
    }

    @Override
    public void failed(Path binary, int consecutiveFailures, String reason) {
        if (consecutiveFailures < maxFailures || !installed.isInstalledUpdate(binary)) {
            return;
        }
        installed.markBroken(binary, "failed to start " + consecutiveFailures + " times in a row; last: " + reason);
        log.atError().addKeyValue("binary", binary).addKeyValue("failed_starts", consecutiveFailures)
                .addKeyValue("reason", reason).addKeyValue("next", installed.binaries().stream().findFirst().map(Path::toString)
                        .orElse("the packaged osqueryd"))
                .log("osqueryd update does not start; marked it broken and going back to the previous version");
    }
}
