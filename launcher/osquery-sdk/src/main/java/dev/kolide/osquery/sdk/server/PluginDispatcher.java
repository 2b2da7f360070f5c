package dev.kolide.osquery.sdk.server;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.Extension;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.plugin.Plugin;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Extension} service an extension serves to osqueryd: {@code ping} answers {@code {0,"OK"}},
 * {@code call} routes to the plugin by registry and name (unknown ones get osquery-go's messages), and
 * {@code shutdown} runs the given action.
 */
final class PluginDispatcher implements Extension {
    private final Logger log = LoggerFactory.getLogger(PluginDispatcher.class);
    private final Map<String, Map<String, Plugin>> plugins;
    private final Runnable onShutdown;

    PluginDispatcher(Map<String, Map<String, Plugin>> plugins, Runnable onShutdown) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.onShutdown = requireNonNull(onShutdown, "onShutdown is null");
    }

    @Override
    public ExtensionStatus ping() {
        return ExtensionStatus.ok();
    }

    @Override
    public ExtensionResponse call(String registry, String item, Map<String, String> request) {
        Map<String, Plugin> byName = plugins.get(registry);
        if (byName == null) {
            return ExtensionResponse.failed("Unknown registry: " + registry);
        }
        Plugin plugin = byName.get(item);
        if (plugin == null) {
            return ExtensionResponse.failed("Unknown registry item: " + item);
        }
        try {
            ExtensionResponse response = plugin.call(request);
            return response == null ? ExtensionResponse.ok(List.of()) : response;
        } catch (RuntimeException e) {
            // Plugins answer failures with a status; one that throws still must not take the server down.
            log.warn("plugin {}/{} threw", registry, item, e);
            return ExtensionResponse.failed("plugin " + registry + "/" + item + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    @Override
    public void shutdown() {
        onShutdown.run();
    }
}
