package dev.kolide.fleet.client;

import java.util.List;

/**
 * {@code kind: label}: a dynamic label ({@code query}, {@code platform}) or a manual one
 * ({@code label_membership_type: manual} with {@code hosts}). The server ignores {@code id} and
 * {@code label_type} on input.
 */
public record LabelSpec(Long id, String name, String description, String query, String platform, String labelType,
        String labelMembershipType, List<String> hosts) {

    /** This spec without what the server alone decides, as it is written for {@code apply -f}. */
    public LabelSpec withoutServerFields() {
        return new LabelSpec(null, name, description, query, platform, null, labelMembershipType, hosts);
    }
}
