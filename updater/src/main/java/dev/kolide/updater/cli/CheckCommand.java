package dev.kolide.updater.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kolide.updater.tuf.TufClient;
import dev.kolide.updater.tuf.UpdateResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code updater check}: refreshes the trusted metadata from Notary (saved only when every check passed) and lists
 * the targets with length and sha256, marking those that changed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Refresh the verified metadata from Notary and list the targets (and which changed).")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repository;

    @Mixin
    ServerFlags servers;

    @Option(names = "--json", description = "Print one JSON object instead of text")
    boolean json;

    @Spec
    CommandSpec spec;

    private final UpdaterContext context;

    CheckCommand(UpdaterContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = Commands.settings(spec, () -> Settings.remote(repository, servers));
        return ExitCodes.run(context.stderr(), () -> {
            Commands.Remote remote = Commands.remote(settings, context.stderr());
            TufClient client = Commands.open(settings, remote, context.clock());
            UpdateResult result = client.update();
            CheckReport report = new CheckReport(settings.gun(), client.rootVersion(), client.timestampVersion(),
                    result.timestampChanged(), result.targets(), result.changed());
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                context.stdout().println(mapper.writeValueAsString(report.json(mapper)));
            } else {
                context.stdout().print(report.text());
            }
            context.stdout().flush();
            return ExitCodes.OK;
        });
    }
}
