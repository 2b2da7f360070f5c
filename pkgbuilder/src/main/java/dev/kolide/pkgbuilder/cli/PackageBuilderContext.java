package dev.kolide.pkgbuilder.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What main hands the commands: build info, clock, environment, streams, and where the package-builder itself
 * lives (to find a launcher next to it). Also the picocli factory that creates the subcommands with it.
 *
 * @param self the package-builder's jar or single-file program, when known
 */
public record PackageBuilderContext(BuildInfo buildInfo, Clock clock, Map<String, String> env, PrintWriter out,
        PrintWriter err, Optional<Path> self, Path workingDir) implements CommandLine.IFactory {
    public PackageBuilderContext {
        requireNonNull(buildInfo, "buildInfo is null");
        requireNonNull(clock, "clock is null");
        env = Map.copyOf(env);
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(self, "self is null");
        requireNonNull(workingDir, "workingDir is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == MakeCommand.class) {
            return type.cast(new MakeCommand(this));
        }
        if (type == ListTargetsCommand.class) {
            return type.cast(new ListTargetsCommand(this));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
