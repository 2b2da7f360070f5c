package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A named group of scheduled queries sent to the hosts it targets (directly or through labels).
 *
 * @param platform platforms the pack applies to as osquery reads it ({@code ""} = all)
 * @param disabled disabled packs are left out of every host's config
 */
public record Pack(
        long id,
        String name,
        String description,
        String platform,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {

    public Pack {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
