package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.domain.CampaignTarget;
import dev.kolide.fleet.domain.DistributedQueryCampaign;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Live-query campaigns and their targets (the fan-out itself lives in livequery/). */
public interface CampaignStore {

    /**
     * Creates a waiting campaign for a query with its host and label targets, in one transaction.
     * NotFoundException for an unknown query.
     *
     * @param userId who runs it, or {@code null}
     */
    DistributedQueryCampaign create(long queryId, Long userId, Set<Long> hostIds, Set<Long> labelIds);

    Optional<DistributedQueryCampaign> find(long id);

    /** NotFoundException for an unknown campaign. */
    DistributedQueryCampaign updateStatus(long id, CampaignStatus status);

    /** The campaign's targets: labels first, then hosts, each by id. */
    List<CampaignTarget> listTargets(long campaignId);

    /**
     * Hourly cleanup: completes campaigns still waiting that were created before {@code waitingBefore} and
     * campaigns still running that were created before {@code runningBefore}.
     *
     * @return how many were completed
     */
    int completeStale(Instant waitingBefore, Instant runningBefore);
}
