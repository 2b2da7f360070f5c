package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.CampaignStore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.domain.CampaignTarget;
import dev.kolide.fleet.domain.DistributedQueryCampaign;
import dev.kolide.fleet.domain.TargetType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link CampaignStore} in SQL. */
final class MysqlCampaignStore implements CampaignStore {
    private static final String COLUMNS = "id, query_id, status, user_id, created_at, updated_at";

    private final Db db;
    private final Clock clock;

    MysqlCampaignStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public DistributedQueryCampaign create(long queryId, Long userId, Set<Long> hostIds, Set<Long> labelIds) {
        requireNonNull(hostIds, "hostIds is null");
        requireNonNull(labelIds, "labelIds is null");
        return db.transaction("creating a campaign for query " + queryId, h -> {
            boolean queryExists = h.createQuery("SELECT COUNT(*) FROM queries WHERE id = :id")
                    .bind("id", queryId).mapTo(Long.class).one() > 0;
            if (!queryExists) {
                throw NotFoundException.of("query", queryId);
            }
            Instant now = clock.instant();
            long id = h.createUpdate("INSERT INTO distributed_query_campaigns (created_at, updated_at, query_id,"
                            + " status, user_id) VALUES (:now, :now, :queryId, :status, :userId)")
                    .bind("now", now)
                    .bind("queryId", queryId)
                    .bind("status", CampaignStatus.WAITING.value())
                    .bind("userId", userId)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            if (!hostIds.isEmpty() || !labelIds.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO distributed_query_campaign_targets"
                        + " (campaign_id, type, target_id) VALUES (:campaignId, :type, :targetId)");
                for (long labelId : labelIds) {
                    batch.bind("campaignId", id).bind("type", TargetType.LABEL.value()).bind("targetId", labelId).add();
                }
                for (long hostId : hostIds) {
                    batch.bind("campaignId", id).bind("type", TargetType.HOST.value()).bind("targetId", hostId).add();
                }
                batch.execute();
            }
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<DistributedQueryCampaign> find(long id) {
        return db.call("finding campaign " + id, h -> find(h, id));
    }

    private static Optional<DistributedQueryCampaign> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM distributed_query_campaigns WHERE id = :id")
                .bind("id", id)
                .map(MysqlCampaignStore::map)
                .findOne();
    }

    @Override
    public DistributedQueryCampaign updateStatus(long id, CampaignStatus status) {
        requireNonNull(status, "status is null");
        return db.call("setting campaign " + id + " " + status.value(), h -> {
            int updated = h.createUpdate("UPDATE distributed_query_campaigns SET status = :status, updated_at = :now"
                            + " WHERE id = :id")
                    .bind("id", id)
                    .bind("status", status.value())
                    .bind("now", clock.instant())
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("campaign", id);
            }
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public List<CampaignTarget> listTargets(long campaignId) {
        return db.call("listing the targets of campaign " + campaignId, h ->
                h.createQuery("SELECT id, campaign_id, type, target_id FROM distributed_query_campaign_targets"
                                + " WHERE campaign_id = :campaignId ORDER BY type DESC, target_id")
                        .bind("campaignId", campaignId)
                        .map((rs, ctx) -> new CampaignTarget(rs.getLong("id"), rs.getLong("campaign_id"),
                                TargetType.fromValue(rs.getString("type")), rs.getLong("target_id")))
                        .list());
    }

    @Override
    public int completeStale(Instant waitingBefore, Instant runningBefore) {
        requireNonNull(waitingBefore, "waitingBefore is null");
        requireNonNull(runningBefore, "runningBefore is null");
        return db.call("completing stale campaigns", h ->
                h.createUpdate("""
                                UPDATE distributed_query_campaigns SET status = 'complete', updated_at = :now
                                WHERE (status = 'waiting' AND created_at < :waitingBefore)
                                   OR (status = 'running' AND created_at < :runningBefore)""")
                        .bind("now", clock.instant())
                        .bind("waitingBefore", waitingBefore)
                        .bind("runningBefore", runningBefore)
                        .execute());
    }

    private static DistributedQueryCampaign map(ResultSet rs, StatementContext context) throws SQLException {
        return new DistributedQueryCampaign(
                rs.getLong("id"),
                rs.getLong("query_id"),
                CampaignStatus.fromValue(rs.getString("status")),
                Columns.nullableLong(rs, "user_id"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
