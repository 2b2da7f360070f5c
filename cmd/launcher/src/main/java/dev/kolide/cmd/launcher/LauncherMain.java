package dev.kolide.cmd.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The osquery launcher: supervises osqueryd, serves it as an extension and enrolls with fleet. */
@Command(name = "launcher", mixinStandardHelpOptions = true,
        description = "The osquery launcher: supervises osqueryd, serves it as an extension and enrolls with fleet.")
public final class LauncherMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(LauncherMain.class, "launcher");
        Program program = new Program(buildInfo, "KOLIDE_LAUNCHER_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new LauncherMain(), args);
    }
}
