package dev.kolide.osquery.lite.logs;

import dev.kolide.osquery.sdk.ExtensionResponse;
import java.util.Map;

/** Calls a plugin by registry and name, wherever it lives (osqueryd-lite's own, or an extension's). */
@FunctionalInterface
public interface PluginCaller {
    ExtensionResponse call(String registry, String item, Map<String, String> request);
}
