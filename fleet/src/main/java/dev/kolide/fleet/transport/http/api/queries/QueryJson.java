package dev.kolide.fleet.transport.http.api.queries;

import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.service.api.queries.QueryDetails;
import dev.kolide.fleet.transport.http.api.packs.PackBaseJson;
import java.time.Instant;
import java.util.List;

/** A query as Kolide Fleet shows one, with its author's name and the packs that schedule it. */
public record QueryJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        String name,
        String description,
        String query,
        boolean saved,
        Long authorId,
        String authorName,
        List<PackBaseJson> packs) {

    public static QueryJson from(QueryDetails details) {
        Query q = details.query();
        return new QueryJson(q.createdAt(), q.updatedAt(), q.id(), q.name(), q.description(), q.query(), q.saved(),
                q.authorId(), details.authorName(), details.packs().stream().map(PackBaseJson::from).toList());
    }
}
