package dev.kolide.cmd.fleetctl;

import picocli.CommandLine.Option;

/** {@code --context NAME}: which context of the config file a command uses. */
public final class ContextOption {
    @Option(names = "--context", paramLabel = "NAME", defaultValue = ConfigStore.DEFAULT_CONTEXT,
            description = "The context of the config file to use (default: ${DEFAULT-VALUE}).")
    private String name = ConfigStore.DEFAULT_CONTEXT;

    public String name() {
        return name;
    }
}
