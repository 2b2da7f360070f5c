package dev.kolide.launcher.cli;

import static dev.kolide.kit.log.LogSetup.withDebug;
import static dev.kolide.kit.log.LogSetup.withFormat;
import static java.util.Objects.requireNonNull;

import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.log.DebugSignal;
import dev.kolide.kit.log.LogFormat;
import dev.kolide.kit.log.LogLevelSwitch;
import dev.kolide.kit.log.LogSetup;
import dev.kolide.kit.run.SignalReceivedException;
import dev.kolide.launcher.autoupdate.RestartForUpdateException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code launcher}: supervises osqueryd, serves it as the {@code kolide_grpc} extension, enrolls with the server
 * and ships its logs. Runs until SIGINT/SIGTERM.
 */
@Command(name = "launcher", mixinStandardHelpOptions = true,
        description = "The osquery launcher: supervises osqueryd, serves it as an extension and enrolls with fleet.",
        subcommands = {QueryCommand.class, SocketCommand.class})
public final class LauncherCommand implements Callable<Integer> {
    @Mixin
    private ConfigFileOption config;

    @Mixin
    private LauncherFlags flags;

    @Spec
    private CommandSpec spec;

    private final LauncherContext context;

    public LauncherCommand(LauncherContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        Optional<DebugSignal> debugSignal = Optional.empty();
        LauncherOptions options;
        Launcher launcher;
        try {
            options = LauncherOptions.from(flags, context.env());
            LogLevelSwitch levels = LogSetup.configure(withFormat(LogFormat.LOGFMT), withDebug(options.debug()));
            debugSignal = DebugSignal.installUsr2(levels);
            launcher = Launcher.assemble(options, context.buildInfo(), context.clock());
        } catch (FlagException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (launcher) {
            launcher.run();
        } catch (SignalReceivedException e) {
            // SIGINT/SIGTERM: a normal stop.
        } catch (RestartForUpdateException e) {
            // a new launcher build is installed: exit cleanly so that the service manager starts it (docs/launcher.md)
            return RestartForUpdateException.EXIT_CODE;
        } finally {
            debugSignal.ifPresent(DebugSignal::close);
        }
        return 0;
    }
}
