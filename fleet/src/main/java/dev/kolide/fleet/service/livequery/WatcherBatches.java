package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import dev.kolide.fleet.service.api.hosts.HostDetailsLoader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's results on their way to its socket, with each host's details loaded in batches: while a batch is
 * being loaded the next answers queue up, and the next batch takes them all (up to {@link #MAX_BATCH}) with one
 * statement for the hosts and one for their labels. Loading each answer's host alone cost two statements on the bus's
 * single delivery thread, which held 10,000 answers to a 10,000-host campaign back for 20 s.
 */
final class WatcherBatches implements Consumer<LiveResult> {
    static final int MAX_BATCH = 500;

    private final Logger log = LoggerFactory.getLogger(WatcherBatches.class);
    private final Datastore datastore;
    private final HostDetailsLoader hostDetails;
    private final Executor executor;
    private final Consumer<CampaignResult> onResult;
    private final ConcurrentLinkedQueue<LiveResult> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    WatcherBatches(Datastore datastore, HostDetailsLoader hostDetails, Executor executor,
            Consumer<CampaignResult> onResult) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.hostDetails = requireNonNull(hostDetails, "hostDetails is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.onResult = requireNonNull(onResult, "onResult is null");
    }

    @Override
    public void accept(LiveResult result) {
        queue.add(result);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            List<LiveResult> batch = new ArrayList<>();
            for (LiveResult next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // an answer queued after the poll and before the flag went down would otherwise wait for the next
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            deliver(batch);
        }
    }

    /** The details of the hosts among {@code ids} that still exist: one statement for hosts, one for labels. */
    static Map<Long, HostDetails> hostsById(Datastore datastore, HostDetailsLoader hostDetails, Collection<Long> ids) {
        List<Host> found = datastore.hosts().findAll(ids);
        return hostDetails.load(found).stream()
                .collect(Collectors.toMap(details -> details.host().id(), Function.identity()));
    }

    private void deliver(List<LiveResult> batch) {
        Map<Long, HostDetails> hosts;
        try {
            hosts = hostsById(datastore, hostDetails, batch.stream().map(LiveResult::hostId).toList());
        } catch (RuntimeException e) {
            log.warn("loading the hosts of {} live-query answers failed; they are not shown", batch.size(), e);
            return;
        }
        for (LiveResult result : batch) {
            // a host deleted since it answered has nothing left to show
            HostDetails host = hosts.get(result.hostId());
            if (host != null) {
                onResult.accept(new CampaignResult(result.campaignId(), host, result.rows(), result.error()));
            }
        }
    }
}
