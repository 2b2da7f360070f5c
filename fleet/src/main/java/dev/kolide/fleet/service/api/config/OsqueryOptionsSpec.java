package dev.kolide.fleet.service.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The osquery options spec (fleetctl's {@code kind: options}): the config every host gets, and whole
 * replacements per platform. Each is an osquery config JSON object ({@code {"options":{..},"decorators":{..}}})
 * as text.
 *
 * @param platformOverrides platform → config JSON, sorted by platform
 */
public record OsqueryOptionsSpec(String config, Map<String, String> platformOverrides) {

    public OsqueryOptionsSpec {
        requireNonNull(config, "config is null");
        platformOverrides = new TreeMap<>(requireNonNull(platformOverrides, "platformOverrides is null"));
    }
}
