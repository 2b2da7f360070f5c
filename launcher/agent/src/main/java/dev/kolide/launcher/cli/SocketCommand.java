package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.kit.run.SignalActor;
import dev.kolide.kit.run.SignalReceivedException;
import dev.kolide.launcher.runtime.OsqueryInstance;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code launcher socket}: runs osqueryd with the launcher's tables and prints its extension socket, for
 * {@code osqueryi --connect} or {@code launcher query --socket}, until interrupted.
 */
@Command(name = "socket", mixinStandardHelpOptions = true,
        description = "Run osqueryd and print its extension socket until interrupted.")
final class SocketCommand implements Callable<Integer> {
    @Option(names = "--osqueryd_path", paramLabel = "FILE", description = "The osqueryd binary")
    String osquerydPath = "";

    @Option(names = "--root_directory", paramLabel = "DIR",
            description = "osqueryd's database, pidfile and socket (default: a new temporary directory)")
    String rootDirectory = "";

    @Option(names = "--osquery_verbose", description = "Run osqueryd with --verbose")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final LauncherContext context;

    SocketCommand(LauncherContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        OsqueryInstance osquery;
        try {
            osquery = StandaloneOsquery.launch(osquerydPath,
                    rootDirectory.isBlank() ? Optional.empty() : Optional.of(Path.of(rootDirectory)), verbose,
                    context.buildInfo(), context.env());
        } catch (FlagException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            if (!osquery.awaitHealthy(QueryCommand.STARTUP_TIMEOUT)) {
                throw new IllegalStateException("osqueryd did not start within "
                        + QueryCommand.STARTUP_TIMEOUT.toSeconds() + " s");
            }
            context.stdout().println(osquery.extensionSocket());
            context.stdout().flush();
            new RunGroup().add("signals", SignalActor.onShutdownSignals()).run();
        } catch (SignalReceivedException e) {
            // Ctrl-C: the normal end.
        } finally {
            osquery.shutdown();
        }
        return 0;
    }
}
