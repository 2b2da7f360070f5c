package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.domain.CampaignTarget;
import dev.kolide.fleet.domain.DistributedQueryCampaign;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.InvalidInputException;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import dev.kolide.fleet.service.api.hosts.HostDetailsLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** {@link LiveQueryService} over the datastore (campaign rows) and the {@link CampaignBus} (the fan-out). */
public final class DefaultLiveQueryService implements LiveQueryService {
    /** run_sync looks at the bus this often while waiting, to notice a campaign finished elsewhere. */
    private static final Duration SYNC_POLL = Duration.ofMillis(200);

    private final Datastore datastore;
    private final CampaignBus bus;
    private final HostDetailsLoader hostDetails;
    private final Clock clock;
    private final Executor resultLoading;
    /** Makes the names of queries created in the same nanosecond differ on this server. */
    private final AtomicLong sequence = new AtomicLong();

    /** Loads the hosts of the answers a watcher receives on the thread that delivers them. */
    public DefaultLiveQueryService(Datastore datastore, CampaignBus bus, Clock clock) {
        this(datastore, bus, clock, Runnable::run);
    }

    /**
     * @param resultLoading where watchers' answers get their hosts loaded, in batches ({@link WatcherBatches}), off
     *     the bus's delivery thread; a couple of threads serve every watcher of the server
     */
    public DefaultLiveQueryService(Datastore datastore, CampaignBus bus, Clock clock, Executor resultLoading) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.bus = requireNonNull(bus, "bus is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.resultLoading = requireNonNull(resultLoading, "resultLoading is null");
        this.hostDetails = new HostDetailsLoader(datastore.labels(), clock);
    }

    private record Created(DistributedQueryCampaign campaign, LiveCampaign live, TargetMetrics metrics) {}

    @Override
    public CampaignRun run(Viewer viewer, String sql, Set<Long> hostIds, Set<Long> labelIds) {
        Created created = create(viewer, sql, hostIds, labelIds);
        start(created);
        return new CampaignRun(created.campaign(), created.metrics());
    }

    @Override
    public CampaignRun runByNames(Viewer viewer, String sql, Set<String> hosts, Set<String> labels) {
        requireNonNull(hosts, "hosts is null");
        requireNonNull(labels, "labels is null");
        Set<Long> hostIds = new LinkedHashSet<>();
        for (String name : hosts) {
            datastore.hosts().findByIdentifier(name).map(Host::id).ifPresent(hostIds::add);
        }
        Set<Long> labelIds = new LinkedHashSet<>();
        for (String name : labels) {
            datastore.labels().findByName(name).map(Label::id).ifPresent(labelIds::add);
        }
        return run(viewer, sql, hostIds, labelIds);
    }

    private Created create(Viewer viewer, String sql, Set<Long> hostIds, Set<Long> labelIds) {
        Access.requireActive(viewer);
        requireNonNull(hostIds, "hostIds is null");
        requireNonNull(labelIds, "labelIds is null");
        if (sql == null || sql.isBlank()) {
            throw InvalidInputException.of("query", "the query must not be empty");
        }
        if (hostIds.isEmpty() && labelIds.isEmpty()) {
            throw InvalidInputException.of("selected", "select at least one host or label");
        }
        // Before any row is written: with the bus down nothing is left behind.
        bus.requireAvailable();
        Instant now = clock.instant();
        String name = "distributed_" + viewer.user().username() + "_" + now.getEpochSecond() + now.getNano()
                + "_" + sequence.incrementAndGet();
        Query query = datastore.queries().create(new NewQuery(name, "", sql, false, viewer.userId()));
        DistributedQueryCampaign campaign = datastore.campaigns().create(query.id(), viewer.userId(),
                Set.copyOf(hostIds), Set.copyOf(labelIds));
        List<Long> targets = datastore.hosts().resolveTargets(Set.copyOf(hostIds), Set.copyOf(labelIds));
        TargetMetrics metrics = datastore.hosts().targetMetrics(Set.copyOf(hostIds), Set.copyOf(labelIds), now);
        LiveCampaign live = new LiveCampaign(campaign.id(), name, sql, new HashSet<>(targets), metrics.online(), now);
        return new Created(campaign, live, metrics);
    }

    private void start(Created created) {
        try {
            bus.start(created.live());
        } catch (RuntimeException e) {
            datastore.campaigns().updateStatus(created.campaign().id(), CampaignStatus.COMPLETE);
            throw e;
        }
    }

    @Override
    public CampaignBus.Subscription watch(Viewer viewer, long campaignId, Consumer<CampaignResult> onResult) {
        Access.requireActive(viewer);
        requireNonNull(onResult, "onResult is null");
        DistributedQueryCampaign campaign = datastore.campaigns().find(campaignId)
                .orElseThrow(() -> NotFoundException.of("campaign", campaignId));
        // The row, not this server's bus index: a campaign started on another server may not have reached it yet.
        if (campaign.status() == CampaignStatus.COMPLETE) {
            throw new StateConflictException("campaign " + campaignId + " is already finished");
        }
        CampaignBus.Subscription subscription = bus.subscribe(campaignId,
                new WatcherBatches(datastore, hostDetails, resultLoading, onResult));
        if (campaign.status() == CampaignStatus.WAITING) {
            datastore.campaigns().updateStatus(campaignId, CampaignStatus.RUNNING);
        }
        return subscription;
    }

    @Override
    public CampaignProgress progress(Viewer viewer, long campaignId) {
        Access.requireActive(viewer);
        DistributedQueryCampaign campaign = datastore.campaigns().find(campaignId)
                .orElseThrow(() -> NotFoundException.of("campaign", campaignId));
        Set<Long> hostIds = new HashSet<>();
        Set<Long> labelIds = new HashSet<>();
        for (CampaignTarget target : datastore.campaigns().listTargets(campaignId)) {
            (target.type() == TargetType.HOST ? hostIds : labelIds).add(target.targetId());
        }
        TargetMetrics totals = datastore.hosts().targetMetrics(hostIds, labelIds, clock.instant());
        boolean finished = campaign.status() == CampaignStatus.COMPLETE;
        return new CampaignProgress(totals, finished);
    }

    @Override
    public SyncResults runSync(Viewer viewer, String sql, Set<Long> hostIds, Set<Long> labelIds,
            Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        Created created = create(viewer, sql, hostIds, labelIds);
        long campaignId = created.campaign().id();
        BlockingQueue<LiveResult> arrived = new LinkedBlockingQueue<>();
        // Subscribed before the campaign starts, so that no early answer is missed.
        try (CampaignBus.Subscription subscription = bus.subscribe(campaignId, arrived::add)) {
            start(created);
            datastore.campaigns().updateStatus(campaignId, CampaignStatus.RUNNING);
            List<LiveResult> results = new ArrayList<>();
            Set<Long> answered = new HashSet<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean finished = created.live().answeredBy(0);
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LiveResult result = arrived.poll(Math.min(left, SYNC_POLL.toNanos()), TimeUnit.NANOSECONDS);
                if (result != null && answered.add(result.hostId())) {
                    results.add(result);
                }
                finished = created.live().answeredBy(answered.size()) || bus.find(campaignId).isEmpty();
            }
            arrived.drainTo(results);
            // the hosts in two statements each for those that answered and those that did not, not two per host
            Set<Long> withResults = new HashSet<>();
            results.forEach(r -> withResults.add(r.hostId()));
            Map<Long, HostDetails> answering = WatcherBatches.hostsById(datastore, hostDetails, withResults);
            // a host deleted since it answered has nothing left to show
            List<CampaignResult> shown = results.stream().filter(r -> answering.containsKey(r.hostId()))
                    .map(r -> new CampaignResult(r.campaignId(), answering.get(r.hostId()), r.rows(), r.error()))
                    .toList();
            List<Long> silent = created.live().hostIds().stream().filter(id -> !withResults.contains(id)).toList();
            List<Host> without = datastore.hosts().findAll(silent);
            return new SyncResults(campaignId, shown, hostDetails.load(without), finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("waiting for the results of campaign " + campaignId, e);
        } finally {
            // Nobody waits for the rest: the campaign ends with the call.
            complete(campaignId);
        }
    }

    /** Marks the campaign complete and removes its bus state; what the reaper does for the others. */
    void complete(long campaignId) {
        datastore.campaigns().updateStatus(campaignId, CampaignStatus.COMPLETE);
        bus.finish(campaignId);
    }
}
