package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The base of every host's osquery config: a default config JSON and whole replacements per platform
 * (not merged: a platform override is the entire config for that platform). Each value is an osquery config
 * JSON object such as {@code {"options":{..},"decorators":{..}}}, kept as text; the service parses it.
 *
 * @param platformConfigs platform ({@code darwin}, {@code ubuntu} ...) → config JSON, sorted by platform
 */
public record OsqueryOptions(String defaultConfig, Map<String, String> platformConfigs) {

    public OsqueryOptions {
        requireNonNull(defaultConfig, "defaultConfig is null");
        requireNonNull(platformConfigs, "platformConfigs is null");
        platformConfigs.forEach((platform, config) -> {
            requireNonNull(platform, "platform is null");
            requireNonNull(config, "config of platform " + platform + " is null");
        });
        platformConfigs = Collections.unmodifiableMap(new TreeMap<>(platformConfigs));
    }

    /** The config for hosts of {@code platform}: its override if any, else the default. */
    public String forPlatform(String platform) {
        requireNonNull(platform, "platform is null");
        return platformConfigs.getOrDefault(platform, defaultConfig);
    }
}
