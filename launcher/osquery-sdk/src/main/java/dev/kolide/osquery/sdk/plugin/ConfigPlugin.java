package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.ExtensionResponse;
import java.util.List;
import java.util.Map;

/**
 * A config source: osqueryd asks it for config with {@code {"action":"genConfig"}} and merges the JSON documents
 * of the answer (source name → JSON text).
 */
public final class ConfigPlugin implements Plugin {
    private final String name;
    private final ConfigGenerator generator;

    /** Produces the config: one or more sources, each a JSON document. */
    @FunctionalInterface
    public interface ConfigGenerator {
        Map<String, String> genConfig() throws Exception;
    }

    public ConfigPlugin(String name, ConfigGenerator generator) {
        this.name = requireNonNull(name, "name is null");
        this.generator = requireNonNull(generator, "generator is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String registry() {
        return Registries.CONFIG;
    }

    @Override
    public List<Map<String, String>> routes() {
        return List.of();
    }

    @Override
    public ExtensionResponse call(Map<String, String> request) {
        String action = request.getOrDefault("action", "");
        if (!"genConfig".equals(action)) {
            return ExtensionResponse.failed("unknown action: " + action);
        }
        try {
            Map<String, String> config = generator.genConfig();
            return ExtensionResponse.ok(List.of(config == null ? Map.of() : config));
        } catch (Exception e) {
            return ExtensionResponse.failed("error getting config: " + TablePlugin.message(e));
        }
    }
}
