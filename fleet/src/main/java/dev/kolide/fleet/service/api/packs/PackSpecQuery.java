package dev.kolide.fleet.service.api.packs;

/**
 * One query of a pack spec (fleetctl's {@code kind: pack}): {@code query} names a saved query, {@code name} is its
 * name in the pack (defaults to the query's). Null options are "not set".
 */
public record PackSpecQuery(
        String query,
        String name,
        String description,
        Integer interval,
        Boolean snapshot,
        Boolean removed,
        String platform,
        String version,
        Integer shard) {
}
