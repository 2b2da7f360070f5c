package dev.kolide.launcher.runtime;

import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.Plugin;
import java.util.List;
import java.util.Map;

/**
 * A plugin as each osqueryd instance's extension server sees it: the server's shutdown (at every restart) does not
 * reach the plugin, which serves the next instance too; {@link OsqueryInstance#shutdown()} shuts it down once.
 */
final class LongLivedPlugin implements Plugin {
    private final Plugin plugin;

    LongLivedPlugin(Plugin plugin) {
        this.plugin = plugin;
    }

    @Override
    public String name() {
        return plugin.name();
    }

    @Override
    public String registry() {
        return plugin.registry();
    }

    @Override
    public List<Map<String, String>> routes() {
        return plugin.routes();
    }

    @Override
    public ExtensionResponse call(Map<String, String> request) {
        return plugin.call(request);
    }

    @Override
    public void shutdown() {
        // not at a restart: see the class comment
    }
}
