package dev.kolide.launcher.runtime;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedPlugin;
import dev.kolide.osquery.sdk.plugin.DistributedQueries;
import dev.kolide.osquery.sdk.plugin.LoggerPlugin;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.TablePlugin;
import java.util.List;
import java.util.Map;

/** Minimal plugins of each registry, named as the launcher's. */
final class TestPlugins {
    static final String TABLE = "runtime_test";

    private TestPlugins() {}

    static Plugin table() {
        return new TablePlugin(TABLE, List.of(ColumnDefinition.text("greeting")),
                context -> List.of(Map.of("greeting", "hello from the extension")));
    }

    static Plugin config(String name) {
        return new ConfigPlugin(name, () -> Map.of("main", "{\"options\":{},\"schedule\":{}}"));
    }

    static Plugin logger(String name) {
        return new LoggerPlugin(name, (type, text) -> { });
    }

    static Plugin distributed(String name) {
        return new DistributedPlugin(name, DistributedQueries::none, results -> { });
    }

    /** What the launcher registers: config, logger and distributed as kolide_grpc, and a table. */
    static Plugin[] launcherPlugins() {
        String name = OsqueryOptions.DEFAULT_EXTENSION_NAME;
        return new Plugin[] {table(), config(name), logger(name), distributed(name)};
    }
}
