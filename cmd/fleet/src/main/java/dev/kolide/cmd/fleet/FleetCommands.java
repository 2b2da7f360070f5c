package dev.kolide.cmd.fleet;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.ConfigDumpCommand;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine;

/** Creates fleet's subcommands with the objects main made (no static state reaches them). */
final class FleetCommands implements CommandLine.IFactory {
    private final BuildInfo buildInfo;
    private final SecureRandom random;
    private final Clock clock;
    private final PrintStream stdout;

    FleetCommands(BuildInfo buildInfo, SecureRandom random, Clock clock, PrintStream stdout) {
        this.buildInfo = requireNonNull(buildInfo, "buildInfo is null");
        this.random = requireNonNull(random, "random is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.stdout = requireNonNull(stdout, "stdout is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Object command;
        if (type == ServeCommand.class) {
            command = new ServeCommand(buildInfo, random, clock, stdout);
        } else if (type == PrepareCommand.DbCommand.class) {
            command = new PrepareCommand.DbCommand(random);
        } else if (type == ConfigDumpCommand.class) {
            command = new ConfigDumpCommand(random);
        } else {
            return CommandLine.defaultFactory().create(type);
        }
        return type.cast(command);
    }
}
