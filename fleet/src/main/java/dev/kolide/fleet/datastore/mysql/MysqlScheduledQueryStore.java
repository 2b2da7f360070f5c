package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.ScheduledQueryStore;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.ScheduledQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link ScheduledQueryStore} in SQL. */
final class MysqlScheduledQueryStore implements ScheduledQueryStore {
    private static final String SELECT = "SELECT " + PackRows.SCHEDULED_COLUMNS
            + " FROM scheduled_queries sq JOIN queries q ON q.name = sq.query_name";

    private final Db db;
    private final Clock clock;

    MysqlScheduledQueryStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public ScheduledQuery create(NewScheduledQuery scheduledQuery) {
        requireNonNull(scheduledQuery, "scheduledQuery is null");
        return db.transaction("scheduling query " + quote(scheduledQuery.queryName()) + " in pack "
                + scheduledQuery.packId(), taken(scheduledQuery), h -> {
            MysqlPackStore.requirePack(h, scheduledQuery.packId());
            requireQuery(h, scheduledQuery.queryName());
            return find(h, insert(h, scheduledQuery, clock.instant())).orElseThrow();
        });
    }

    @Override
    public ScheduledQuery update(long id, NewScheduledQuery scheduledQuery) {
        requireNonNull(scheduledQuery, "scheduledQuery is null");
        return db.transaction("updating scheduled query " + id, taken(scheduledQuery), h -> {
            MysqlPackStore.requirePack(h, scheduledQuery.packId());
            requireQuery(h, scheduledQuery.queryName());
            int updated = bindFields(h.createUpdate("""
                            UPDATE scheduled_queries SET updated_at = :now, pack_id = :packId, query_name = :queryName,
                                name = :name, description = :description, interval_seconds = :interval,
                                snapshot = :snapshot, removed = :removed, platform = :platform, version = :version,
                                shard = :shard
                            WHERE id = :id"""), scheduledQuery)
                    .bind("id", id)
                    .bind("now", clock.instant())
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("scheduled query", id);
            }
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<ScheduledQuery> find(long id) {
        return db.call("finding scheduled query " + id, h -> find(h, id));
    }

    private static Optional<ScheduledQuery> find(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE sq.id = :id")
                .bind("id", id)
                .map(PackRows::scheduledQuery)
                .findOne();
    }

    @Override
    public List<ScheduledQuery> listInPack(long packId) {
        return db.call("listing the scheduled queries of pack " + packId, h -> listInPack(h, packId));
    }

    private static List<ScheduledQuery> listInPack(Handle h, long packId) {
        return h.createQuery(SELECT + " WHERE sq.pack_id = :packId ORDER BY sq.name, sq.id")
                .bind("packId", packId)
                .map(PackRows::scheduledQuery)
                .list();
    }

    @Override
    public void delete(long id) {
        int deleted = db.call("deleting scheduled query " + id, h ->
                h.createUpdate("DELETE FROM scheduled_queries WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("scheduled query", id);
        }
    }

    @Override
    public List<ScheduledQuery> replaceInPack(long packId, List<NewScheduledQuery> scheduledQueries) {
        requireNonNull(scheduledQueries, "scheduledQueries is null");
        Set<String> queryNames = new LinkedHashSet<>();
        for (NewScheduledQuery query : scheduledQueries) {
            if (query.packId() != packId) {
                throw new IllegalArgumentException("scheduled query " + quote(query.name()) + " belongs to pack "
                        + query.packId() + ", not " + packId);
            }
            queryNames.add(query.queryName());
        }
        return db.transaction("replacing the schedule of pack " + packId,
                () -> "pack " + packId + " schedules two queries under one name", h -> {
            MysqlPackStore.requirePack(h, packId);
            for (String name : queryNames) {
                requireQuery(h, name);
            }
            h.createUpdate("DELETE FROM scheduled_queries WHERE pack_id = :packId").bind("packId", packId).execute();
            Instant now = clock.instant();
            for (NewScheduledQuery query : scheduledQueries) {
                insert(h, query, now);
            }
            return listInPack(h, packId);
        });
    }

    private static long insert(Handle h, NewScheduledQuery query, Instant now) {
        return bindFields(h.createUpdate("""
                        INSERT INTO scheduled_queries (created_at, updated_at, pack_id, query_name, name, description,
                                                       interval_seconds, snapshot, removed, platform, version, shard)
                        VALUES (:now, :now, :packId, :queryName, :name, :description, :interval, :snapshot, :removed,
                                :platform, :version, :shard)"""), query)
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static <S extends SqlStatement<S>> S bindFields(S statement, NewScheduledQuery query) {
        return statement
                .bind("packId", query.packId())
                .bind("queryName", query.queryName())
                .bind("name", query.name())
                .bind("description", query.description())
                .bind("interval", query.interval())
                .bind("snapshot", query.snapshot())
                .bind("removed", query.removed())
                .bind("platform", query.platform())
                .bind("version", query.version())
                .bind("shard", query.shard());
    }

    private static void requireQuery(Handle h, String name) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM queries WHERE name = :name")
                .bind("name", name)
                .mapTo(Long.class)
                .one() > 0;
        if (!exists) {
            throw NotFoundException.of("query", name);
        }
    }

    private static Supplier<String> taken(NewScheduledQuery query) {
        return () -> "scheduled query " + quote(query.name()) + " already exists in pack " + query.packId();
    }
}
