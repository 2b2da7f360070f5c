package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/**
 * What a user supplies to create a (regular) label or to replace one by name. Manual labels may leave
 * {@code query} empty.
 */
public record NewLabel(
        String name,
        String description,
        String query,
        String platform,
        LabelMembershipType membershipType) {

    public NewLabel {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(query, "query is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(membershipType, "membershipType is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("label name is empty");
        }
    }

    /** A dynamic label for every platform. */
    public static NewLabel dynamic(String name, String query) {
        return new NewLabel(name, "", query, "", LabelMembershipType.DYNAMIC);
    }

    /** A manual label: members are set explicitly. */
    public static NewLabel manual(String name) {
        return new NewLabel(name, "", "", "", LabelMembershipType.MANUAL);
    }
}
