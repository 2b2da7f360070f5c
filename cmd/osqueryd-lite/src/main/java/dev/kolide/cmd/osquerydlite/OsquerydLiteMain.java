package dev.kolide.cmd.osquerydlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** osqueryd-lite: an osqueryd-compatible engine for development, demos, tests and load simulation. */
@Command(name = "osqueryd-lite", mixinStandardHelpOptions = true,
        description = "An osqueryd-compatible engine for development, demos, tests and load simulation. "
                + "Production hosts run real osquery.")
public final class OsquerydLiteMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(OsquerydLiteMain.class, "osqueryd-lite");
        Program program = new Program(buildInfo, "KOLIDE_OSQUERYD_LITE_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new OsquerydLiteMain(), args);
    }
}
