package dev.kolide.fleet.client;

import java.util.List;

/**
 * {@code kind: pack}: a pack upserted by name, targeting labels by name, scheduling saved queries by name.
 * {@code id} is what the server reports; it ignores it on input.
 */
public record PackSpec(Long id, String name, String description, String platform, Boolean disabled,
        Targets targets, List<PackQuery> queries) {

    /** The labels a pack targets, by name. */
    public record Targets(List<String> labels) {}

    /** A query of the pack: {@code query} names a saved query, {@code name} is its name in the pack. */
    public record PackQuery(String query, String name, String description, Integer interval, Boolean snapshot,
            Boolean removed, Integer shard, String platform, String version) {}

    /** This spec without the server's id, as it is written for {@code apply -f}. */
    public PackSpec withoutId() {
        return new PackSpec(null, name, description, platform, disabled, targets, queries);
    }
}
