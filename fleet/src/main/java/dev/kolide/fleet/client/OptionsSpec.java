package dev.kolide.fleet.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code kind: options}: the osquery options every host gets ({@code config}, an osquery config object) and
 * per-platform replacements ({@code overrides.platforms.<platform>}). Trees, because they are osquery's
 * free-form config.
 */
public record OptionsSpec(JsonNode config, JsonNode overrides) {}
