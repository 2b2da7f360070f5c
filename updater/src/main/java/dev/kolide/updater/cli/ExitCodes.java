package dev.kolide.updater.cli;

import dev.kolide.kit.cli.Failures;
import dev.kolide.kit.cli.Program;
import dev.kolide.updater.tuf.FetchFailedException;
import dev.kolide.updater.tuf.TufException;
import dev.kolide.updater.tuf.VerificationFailedException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * The updater's exit codes, on top of {@link Program}'s 0/1/2: scripts (and launcher's autoupdate) must tell "the
 * repository or network is lying" (3) from "the network is down" (4), which call for different responses.
 */
public final class ExitCodes {
    public static final int OK = Program.EXIT_OK;
    public static final int FAILURE = Program.EXIT_FAILURE;
    public static final int USAGE = Program.EXIT_USAGE;
    public static final int VERIFICATION_FAILED = 3;
    public static final int NETWORK_FAILED = 4;

    private ExitCodes() {}

    /**
     * Runs a command's work, turning TUF failures into their exit code and one line on {@code err}
     * ({@code updater: verification failed: snapshot: hash: ...}). Anything else propagates: usage errors to
     * picocli (2), the rest to {@link Program}'s handler (1); neither prints a stack trace.
     */
    public static int run(PrintStream err, Callable<Integer> work) throws Exception {
        try {
            return work.call();
        } catch (VerificationFailedException e) {
            err.println("updater: verification failed: " + Failures.describe(e));
            return VERIFICATION_FAILED;
        } catch (FetchFailedException e) {
            err.println("updater: network failed: " + Failures.describe(e));
            return NETWORK_FAILED;
        } catch (TufException e) {
            err.println("updater: " + Failures.describe(e));
            return FAILURE;
        }
    }
}
