package dev.kolide.cmd.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.launcher.cli.LauncherCommand;
import dev.kolide.launcher.cli.LauncherContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** launcher's main: builds what the commands need and runs them (flags: {@code launcher --help}). */
public final class LauncherMain {
    private LauncherMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(LauncherMain.class, "launcher");
        Program program = new Program(buildInfo, "KOLIDE_LAUNCHER_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        LauncherContext context = new LauncherContext(buildInfo, Clock.systemUTC(), System.getenv(), System.out);
        return program.run(new LauncherCommand(context), context, args);
    }
}
