package dev.kolide.fleet.client;

/** {@code kind: query}: a saved query, upserted by name. */
public record QuerySpec(String name, String description, String query) {}
