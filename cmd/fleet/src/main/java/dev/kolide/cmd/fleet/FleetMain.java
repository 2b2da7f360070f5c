package dev.kolide.cmd.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The fleet server: osquery TLS API, launcher gRPC API and REST API over MySQL and Redis. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "The fleet server: osquery TLS API, launcher gRPC API and REST API over MySQL and Redis.")
public final class FleetMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(FleetMain.class, "fleet");
        Program program = new Program(buildInfo, "KOLIDE_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new ObjectMapper());
        return program.run(new FleetMain(), args);
    }
}
