package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A named set of hosts: those for which {@code query} returns a row (dynamic), or an explicit list (manual).
 *
 * @param platform osquery platform the query runs on ({@code darwin}, {@code ubuntu} ...), {@code ""} for all
 * @param updatedAt moves whenever name, query or platform change; hosts re-run labels changed since their
 *     own label_updated_at
 */
public record Label(
        long id,
        String name,
        String description,
        String query,
        String platform,
        LabelType labelType,
        LabelMembershipType membershipType,
        Instant createdAt,
        Instant updatedAt) {

    public Label {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(query, "query is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(labelType, "labelType is null");
        requireNonNull(membershipType, "membershipType is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean isBuiltin() {
        return labelType == LabelType.BUILTIN;
    }
}
