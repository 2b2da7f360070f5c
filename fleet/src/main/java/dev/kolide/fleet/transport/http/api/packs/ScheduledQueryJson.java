package dev.kolide.fleet.transport.http.api.packs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.service.api.packs.ScheduledQueryDetails;
import java.time.Instant;

/**
 * A scheduled query as Kolide Fleet shows one. As there, an empty description and an unset platform or version
 * are left out, while unset snapshot, removed and shard are {@code null}.
 */
public record ScheduledQueryJson(
        Instant createdAt,
        Instant updatedAt,
        long id,
        long packId,
        String name,
        long queryId,
        String queryName,
        String query,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
        int interval,
        Boolean snapshot,
        Boolean removed,
        @JsonInclude(JsonInclude.Include.NON_NULL) String platform,
        @JsonInclude(JsonInclude.Include.NON_NULL) String version,
        Integer shard) {

    public static ScheduledQueryJson from(ScheduledQueryDetails details) {
        ScheduledQuery s = details.scheduled();
        return new ScheduledQueryJson(s.createdAt(), s.updatedAt(), s.id(), s.packId(), s.name(), details.queryId(),
                s.queryName(), s.query(), s.description(), s.interval(), s.snapshot(), s.removed(), s.platform(),
                s.version(), s.shard());
    }
}
