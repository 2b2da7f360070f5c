package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An osquery SQL query. Saved queries are the library users manage; live queries are stored with
 * {@code saved = false} so that their campaigns can refer to them.
 *
 * @param authorId the user who wrote it, or {@code null} (deleted user, or created by a spec)
 */
public record Query(
        long id,
        String name,
        String description,
        String query,
        boolean saved,
        Long authorId,
        Instant createdAt,
        Instant updatedAt) {

    public Query {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(query, "query is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
