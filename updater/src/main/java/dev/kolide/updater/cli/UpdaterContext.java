package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.version.BuildInfo;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.LongSupplier;
import picocli.CommandLine;

/**
 * What main hands the updater's commands: the build, the clock TUF checks expiry against, stdout, stderr, whether
 * stderr is a terminal (for the progress bar) and a nanosecond source. It is also the picocli factory that creates
 * the subcommands with it, so no command reaches for static state.
 */
public record UpdaterContext(BuildInfo buildInfo, Clock clock, PrintStream stdout, PrintStream stderr,
        boolean stderrIsTerminal, LongSupplier nanoTime) implements CommandLine.IFactory {

    public UpdaterContext {
        requireNonNull(buildInfo, "buildInfo is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        requireNonNull(nanoTime, "nanoTime is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == UpdaterCommand.class) {
            return type.cast(new UpdaterCommand(this));
        }
        if (type == InitCommand.class) {
            return type.cast(new InitCommand(this));
        }
        if (type == CheckCommand.class) {
            return type.cast(new CheckCommand(this));
        }
        if (type == DownloadCommand.class) {
            return type.cast(new DownloadCommand(this));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
