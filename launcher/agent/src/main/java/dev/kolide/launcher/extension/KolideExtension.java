package dev.kolide.launcher.extension;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import dev.kolide.osquery.sdk.plugin.Plugin;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugins the launcher registers with osqueryd under the extension name {@code kolide_grpc}, which osqueryd
 * waits for ({@code --extensions_require=kolide_grpc}) and names in {@code --config_plugin}, {@code --logger_plugin}
 * and {@code --distributed_plugin}.
 */
public final class KolideExtension {
    /** The extension's name and its three plugins' names, as Kolide's launcher names them. */
    public static final String NAME = "kolide_grpc";

    private KolideExtension() {}

    /** The config, logger and distributed plugins over the server, then {@code tables}. */
    public static List<Plugin> plugins(ConfigSource config, LogSink logs, DistributedSource distributed,
            List<? extends Plugin> tables) {
        requireNonNull(config, "config is null");
        requireNonNull(logs, "logs is null");
        requireNonNull(distributed, "distributed is null");
        List<Plugin> plugins = new ArrayList<>();
        plugins.add(new ConfigPlugin(NAME, config::generate));
        plugins.add(new LoggerPlugin(NAME, logs::write));
        plugins.add(new DistributedPlugin(NAME, distributed::queries, distributed::write));
        plugins.addAll(tables);
        return plugins;
    }
}
