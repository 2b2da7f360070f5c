package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

/**
 * What a user supplies to create a query or to replace one by name.
 *
 * @param authorId the author's user id, or {@code null}
 */
public record NewQuery(String name, String description, String query, boolean saved, Long authorId) {

    public NewQuery {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(query, "query is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("query name is empty");
        }
    }
}
