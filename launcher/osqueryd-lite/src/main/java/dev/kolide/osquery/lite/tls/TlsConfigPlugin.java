package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.osquery.sdk.plugin.ConfigPlugin;
import java.util.Map;

/**
 * osquery's {@code tls} config plugin: POST {@code {"node_key"}} to {@code --config_tls_endpoint}; the answer is
 * the config document, one source named {@code tls_plugin} as osquery names it. Tried
 * {@code --config_tls_max_attempts} times.
 */
final class TlsConfigPlugin {
    static final String SOURCE = "tls_plugin";

    private TlsConfigPlugin() {}

    static ConfigPlugin create(TlsOptions options, TlsNodeApi api, ObjectMapper json) {
        requireNonNull(options, "options is null");
        requireNonNull(api, "api is null");
        requireNonNull(json, "json is null");
        return new ConfigPlugin(TlsPlugins.NAME, () -> {
            ObjectNode config = (ObjectNode) api.post(options.configEndpoint(), json.createObjectNode(),
                    options.configMaxAttempts(), options.requestTimeout()).deepCopy();
            config.remove("node_invalid");
            return Map.of(SOURCE, json.writeValueAsString(config));
        });
    }
}
