package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.client.FleetClient;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code delete -f FILE}: deletes the queries, packs and labels a spec file names. Options, config and enroll
 * secrets are not deleted (a secret is only ever deactivated); they are reported as skipped.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete the queries, packs and labels named in a spec file.")
final class DeleteCommand implements Callable<Integer> {
    private final Fleetctl fleetctl;

    @Mixin
    private ContextOption context;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The spec file.")
    private Path file;

    DeleteCommand(Fleetctl fleetctl) {
        this.fleetctl = requireNonNull(fleetctl, "fleetctl is null");
    }

    @Override
    public Integer call() {
        List<SpecDocument> documents = new SpecFiles().read(file);
        FleetClient client = Connections.loggedIn(context.name(), fleetctl.configs().context(context.name()));
        // Packs first: they refer to queries and labels.
        List<SpecDocument> ordered = documents.stream().sorted(Comparator.comparingInt(DeleteCommand::order))
                .toList();
        for (SpecDocument document : ordered) {
            String name = document.spec().path("name").asText("");
            switch (document.kind()) {
                case PACK -> client.deletePack(requireName(name, document));
                case QUERY -> client.deleteQuery(requireName(name, document));
                case LABEL -> client.deleteLabel(requireName(name, document));
                default -> {
                    fleetctl.err().println("[!] skipped " + document.kind().wire() + ": it cannot be deleted");
                    continue;
                }
            }
            fleetctl.out().println("[+] deleted " + document.kind().wire() + " " + name);
        }
        return 0;
    }

    private static int order(SpecDocument document) {
        return switch (document.kind()) {
            case PACK -> 0;
            case QUERY -> 1;
            case LABEL -> 2;
            default -> 3;
        };
    }

    private String requireName(String name, SpecDocument document) {
        if (name.isBlank()) {
            throw new CliException(file + ": a " + document.kind().wire() + " spec without a name cannot be deleted");
        }
        return name;
    }
}
