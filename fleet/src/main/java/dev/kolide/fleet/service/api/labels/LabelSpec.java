package dev.kolide.fleet.service.api.labels;

import java.util.List;

/**
 * A label as fleetctl applies and prints it ({@code kind: label}): a dynamic label has a query (and maybe a
 * platform); a manual one ({@code label_membership_type: manual}) lists its hosts by hostname. {@code id} and
 * {@code labelType} are only ever output.
 */
public record LabelSpec(
        Long id,
        String name,
        String description,
        String query,
        String platform,
        String labelType,
        String membershipType,
        List<String> hosts) {
}
