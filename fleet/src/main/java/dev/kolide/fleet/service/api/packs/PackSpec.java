package dev.kolide.fleet.service.api.packs;

import java.util.List;

/**
 * A pack as fleetctl applies and prints it ({@code kind: pack}): targets are label names, queries name saved
 * queries. Applying one replaces the pack's targets and schedule. {@code id} is only ever output.
 */
public record PackSpec(
        Long id,
        String name,
        String description,
        String platform,
        Boolean disabled,
        List<String> targetLabels,
        List<PackSpecQuery> queries) {
}
