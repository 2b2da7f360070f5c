package dev.kolide.cmd.updater;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.updater.cli.UpdaterCommand;
import dev.kolide.updater.cli.UpdaterContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** updater's main: builds what the commands need and runs them (flags: {@code updater --help}). */
public final class UpdaterMain {
    private UpdaterMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(UpdaterMain.class, "updater");
        Program program = new Program(buildInfo, "KOLIDE_UPDATER_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        // System.console() is null unless the JVM runs on a terminal: no progress bar in logs or pipes.
        UpdaterContext context = new UpdaterContext(buildInfo, Clock.systemUTC(), System.out, System.err,
                System.console() != null, System::nanoTime);
        return program.run(new UpdaterCommand(context), context, args);
    }
}
