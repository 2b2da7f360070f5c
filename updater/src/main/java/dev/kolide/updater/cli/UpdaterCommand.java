package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.cli.ConfigFileOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater}: a TUF client for Notary. Without a subcommand it shows its usage and exits 2. */
@Command(name = "updater", mixinStandardHelpOptions = true,
        description = "A TUF client for Notary: verified metadata, then verified downloads from a mirror.",
        subcommands = {InitCommand.class, CheckCommand.class, DownloadCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 3 verification failed, 4 network failed."})
public final class UpdaterCommand implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    @Spec
    private CommandSpec spec;

    private final UpdaterContext context;

    public UpdaterCommand(UpdaterContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.stderr());
        return ExitCodes.USAGE;
    }
}
