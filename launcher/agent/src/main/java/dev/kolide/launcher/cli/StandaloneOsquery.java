package dev.kolide.launcher.cli;

import static dev.kolide.launcher.runtime.OsqueryOptions.withExtensionPlugins;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsquerydBinary;
import static dev.kolide.launcher.runtime.OsqueryOptions.withOsqueryVerbose;
import static dev.kolide.launcher.runtime.OsqueryOptions.withRootDirectory;

import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.launcher.extension.KolideExtension;
import dev.kolide.launcher.extension.table.LauncherTables;
import dev.kolide.launcher.runtime.OsqueryInstance;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An osqueryd for {@code launcher query} and {@code launcher socket}: no server, so the launcher's plugins answer
 * with an empty config, drop logs and have no distributed queries; the launcher's info table is there.
 */
final class StandaloneOsquery {
    private StandaloneOsquery() {}

    static OsqueryInstance launch(String osquerydFlag, Optional<Path> rootDirectory, boolean verbose,
            BuildInfo build, Map<String, String> env) {
        Path binary = LauncherOptions.osquerydPath(osquerydFlag, env);
        Path root;
        try {
            root = rootDirectory.isPresent() ? Files.createDirectories(rootDirectory.get())
                    : Files.createTempDirectory("launcher-");
        } catch (IOException e) {
            throw new FlagException("--root_directory: cannot create it: " + e.getMessage(), e);
        }
        return OsqueryInstance.launch(
                withOsquerydBinary(binary),
                withRootDirectory(root),
                withOsqueryVerbose(verbose),
                withExtensionPlugins(
                        new ConfigPlugin(KolideExtension.NAME, () -> Map.of("config", "{}")),
                        new LoggerPlugin(KolideExtension.NAME, (type, text) -> { }),
                        new DistributedPlugin(KolideExtension.NAME, DistributedQueries::none, results -> { }),
                        LauncherTables.info(build)));
    }
}
