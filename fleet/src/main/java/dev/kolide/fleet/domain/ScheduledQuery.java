package dev.kolide.fleet.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A query scheduled in a pack, as osquery's pack config wants it. The nullable fields are "not set" and are
 * left out of the config osquery receives.
 *
 * @param name the name in the pack (unique per pack; often the query's name)
 * @param queryName the saved query's name ({@code queries.name})
 * @param query that query's SQL, joined in when read
 * @param interval seconds between runs
 * @param snapshot nullable: report full snapshots instead of differentials
 * @param removed nullable: report removed rows in differentials
 * @param platform nullable: restrict to these platforms
 * @param version nullable: minimum osquery version
 * @param shard nullable: percentage of hosts (1-100) that run it
 */
public record ScheduledQuery(
        long id,
        long packId,
        String name,
        String queryName,
        String query,
        String description,
        int interval,
        Boolean snapshot,
        Boolean removed,
        String platform,
        String version,
        Integer shard,
        Instant createdAt,
        Instant updatedAt) {

    public ScheduledQuery {
        requireNonNull(name, "name is null");
        requireNonNull(queryName, "queryName is null");
        requireNonNull(query, "query is null");
        requireNonNull(description, "description is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
