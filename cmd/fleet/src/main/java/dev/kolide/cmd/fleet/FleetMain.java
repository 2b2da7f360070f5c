package dev.kolide.cmd.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.config.ConfigDumpCommand;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** fleet: the server. Settings come from flags, {@code KOLIDE_<FLAG>} variables and a YAML {@code --config}. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "The fleet server: osquery TLS API, launcher gRPC API and REST API over MySQL and Redis.",
        subcommands = {ServeCommand.class, PrepareCommand.class, ConfigDumpCommand.class})
public final class FleetMain {
    @Mixin
    private ConfigFileOption config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(FleetMain.class, "fleet");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Program program = new Program(buildInfo, "KOLIDE_", System.getenv(), out, err, new ObjectMapper());
        FleetCommands commands = new FleetCommands(buildInfo, new SecureRandom(), Clock.systemUTC(), System.out);
        return program.run(new FleetMain(), commands, args);
    }
}
