package dev.kolide.launcher.autoupdate;

import java.nio.file.Path;

/**
 * The launcher installed a new build of itself and must be started again to run it. Java cannot replace its own
 * process, so this ends the launcher's run group (osqueryd is stopped cleanly), the launcher exits with {@link
 * #EXIT_CODE}, the service manager starts it again, and the launch script runs the newest installed launcher.
 */
public final class RestartForUpdateException extends Exception {
    /** EX_TEMPFAIL of sysexits.h: "try again"; non-zero so that restart-on-failure policies restart it. */
    public static final int EXIT_CODE = 75;

    private static final long serialVersionUID = 1L;

    public RestartForUpdateException(Path installed) {
        super("installed launcher update " + installed + "; restarting to run it");
    }
}
