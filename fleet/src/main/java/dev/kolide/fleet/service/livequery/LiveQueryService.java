package dev.kolide.fleet.service.livequery;

import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.service.api.Viewer;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Live queries for people (Kolide Fleet's service_campaigns.go): start a campaign over hosts and labels, watch
 * its results, or wait for them. Observers may run live queries. Every method fails with
 * {@link dev.kolide.fleet.livequery.LiveQueryUnavailableException} when the bus is down.
 */
public interface LiveQueryService {

    /** A campaign over these hosts and labels (by id); targeted hosts get the query at their next check-in. */
    CampaignRun run(Viewer viewer, String sql, Set<Long> hostIds, Set<Long> labelIds);

    /** As {@link #run}, with hosts by hostname (or other identifier) and labels by name; unknown names are skipped. */
    CampaignRun runByNames(Viewer viewer, String sql, Set<String> hosts, Set<String> labels);

    /**
     * Streams the campaign's results to {@code onResult} until the subscription is closed, and marks it
     * running. NotFoundException for an unknown campaign; StateConflictException for a finished one.
     */
    CampaignBus.Subscription watch(Viewer viewer, long campaignId, Consumer<CampaignResult> onResult);

    /** The campaign's totals and whether it is finished. */
    CampaignProgress progress(Viewer viewer, long campaignId);

    /** Runs a campaign and waits up to {@code timeout} for every online target to answer. */
    SyncResults runSync(Viewer viewer, String sql, Set<Long> hostIds, Set<Long> labelIds, Duration timeout);
}
