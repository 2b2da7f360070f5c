package dev.kolide.pkgbuilder.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.pkgbuilder.target.SupportedTargets;
import dev.kolide.pkgbuilder.target.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code package-builder list-targets}: one target name per line, the ones {@code make --targets} accepts. */
@Command(name = "list-targets", mixinStandardHelpOptions = true,
        description = "Lists the targets make can build, one per line.")
public final class ListTargetsCommand implements Callable<Integer> {
    private final PackageBuilderContext context;

    public ListTargetsCommand(PackageBuilderContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() {
        for (Target target : new SupportedTargets().all()) {
            context.out().println(target);
        }
        context.out().flush();
        return 0;
    }
}
