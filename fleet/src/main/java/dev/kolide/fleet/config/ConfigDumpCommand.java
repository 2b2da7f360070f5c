package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet config_dump}: prints the configuration serve would run with, as YAML, after the same checks. */
@Command(name = "config_dump", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (flags, KOLIDE_* environment, --config file) as YAML.")
public final class ConfigDumpCommand implements Callable<Integer> {
    @Mixin
    FleetFlags flags;

    @Option(names = "--show_secrets", description = "Print passwords and the JWT key instead of ********")
    boolean showSecrets;

    @Spec
    CommandSpec spec;

    private final SecureRandom random;

    public ConfigDumpCommand(SecureRandom random) {
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public Integer call() {
        FleetConfig config = FleetConfig.from(flags, random);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigDump.yaml(config, showSecrets));
        out.flush();
        return 0;
    }
}
