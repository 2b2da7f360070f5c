package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.version.BuildInfo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * What main hands the launcher's commands: the build, the clock, the environment and stdout. It is also the
 * picocli factory that creates the subcommands with it, so no command reaches for static state.
 */
public record LauncherContext(BuildInfo buildInfo, Clock clock, Map<String, String> env, PrintStream stdout)
        implements CommandLine.IFactory {

    public LauncherContext {
        requireNonNull(buildInfo, "buildInfo is null");
        requireNonNull(clock, "clock is null");
        env = Map.copyOf(env);
        requireNonNull(stdout, "stdout is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == QueryCommand.class) {
            return type.cast(new QueryCommand(this));
        }
        if (type == SocketCommand.class) {
            return type.cast(new SocketCommand(this));
        }
        if (type == LauncherCommand.class) {
            return type.cast(new LauncherCommand(this));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
