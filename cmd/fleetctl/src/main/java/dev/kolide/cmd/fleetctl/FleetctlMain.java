package dev.kolide.cmd.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command-line client of fleet's REST API. */
@Command(name = "fleetctl", mixinStandardHelpOptions = true,
        description = "The command-line client of fleet's REST API.")
public final class FleetctlMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(FleetctlMain.class, "fleetctl");
        Program program = new Program(buildInfo, "KOLIDE_FLEETCTL_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new FleetctlMain(), args);
    }
}
