package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apply -f FILE}: sends the specs of a multi-document YAML file to fleet. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply the specs of a YAML file (kinds: query, pack, label, options, config, enroll_secret).")
final class ApplyCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The spec file.")
    private Path file;

    ApplyCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        SpecFiles files = new SpecFiles();
        var documents = files.read(file);
        var client = Connections.loggedIn(context.name(), fleetctl.configs().context(context.name()));
        new SpecApplier(client, files, fleetctl.out()).apply(documents, file.toString());
        return 0;
    }
}
