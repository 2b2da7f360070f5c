package dev.kolide.pkgbuilder.cli;

import dev.kolide.kit.cli.ConfigFileOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code package-builder}: the root command; {@code make}, {@code list-targets} and {@code version} do the work. */
@Command(name = "package-builder", mixinStandardHelpOptions = true,
        description = "Builds deb, rpm, tar and msi packages of launcher and osqueryd.",
        subcommands = {MakeCommand.class, ListTargetsCommand.class})
public final class PackageBuilderCommand implements Runnable {
    @Mixin
    private ConfigFileOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a mode is required: make, list-targets or version");
    }
}
