package dev.kolide.launcher.service;

import static java.util.Objects.requireNonNull;

/** One query the server wants answered: {@code id} is the name the answer goes back under. */
public record DistributedQuery(String id, String query) {
    public DistributedQuery {
        requireNonNull(id, "id is null");
        requireNonNull(query, "query is null");
    }
}
