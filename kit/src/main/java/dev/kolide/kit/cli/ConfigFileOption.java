package dev.kolide.kit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option every program's root command mixes in. {@link Program} reads the file before
 * parsing (its lines supply defaults), so this field only documents the option and accepts it.
 */
public final class ConfigFileOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Read flags from FILE: one 'flag value' or bare 'flag' per line, '#' starts a comment. "
                    + "Precedence: command line > environment > this file > defaults.")
    private Path config;

    public Path path() {
        return config;
    }
}
