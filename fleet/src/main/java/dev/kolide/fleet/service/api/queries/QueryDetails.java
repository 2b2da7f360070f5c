package dev.kolide.fleet.service.api.queries;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.Query;
import java.util.List;

/**
 * A query as the REST API shows it: with its author's name ({@code ""} when unknown) and the packs that
 * schedule it.
 */
public record QueryDetails(Query query, String authorName, List<Pack> packs) {

    public QueryDetails {
        requireNonNull(query, "query is null");
        requireNonNull(authorName, "authorName is null");
        packs = List.copyOf(packs);
    }
}
