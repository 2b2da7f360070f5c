package dev.kolide.fleet.service.launcher;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.service.osquery.QueryNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live queries pushed to launchers the moment a campaign starts, instead of at their next distributed read
 * (which comes every 5–10 s): each launcher holding a {@code WatchQueries} stream on this server is a sink, keyed
 * by host id. Every server learns of every campaign from the bus, so a host is reached on whichever server its
 * stream is open. A query pushed and one read at a check-in answer the same campaign: the bus keeps the first
 * answer per host. Pushing to a thousand streams takes a few hundred milliseconds of writes, so it is done on the
 * {@code pushing} executor, in slices, and the person's {@code queries/run} returns without waiting for it.
 */
public final class LiveQueryPush {
    private final Logger log = LoggerFactory.getLogger(LiveQueryPush.class);
    private final CampaignBus bus;
    private final Map<Long, Set<Consumer<Map<String, String>>>> sinks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Executor pushing;
    static final Duration ASK_AGAIN_DELAY = Duration.ofMillis(500);
    /** Hosts pushed to by one task: a few tasks per thousand hosts, so that the pool's threads share the work. */
    static final int SLICE = 128;

    /** Pushes on the thread that starts the campaign (tests). */
    public LiveQueryPush(CampaignBus bus, ScheduledExecutorService heartbeats, Duration heartbeatInterval) {
        this(bus, heartbeats, heartbeatInterval, Runnable::run);
    }

    /**
     * @param heartbeats sends every sink an empty map each {@code heartbeatInterval}, so idle streams survive
     *     proxies' and Jetty's idle timeouts and a dead peer is noticed
     * @param pushing where a new campaign is pushed to the connected hosts, in slices of {@link #SLICE}
     */
    public LiveQueryPush(CampaignBus bus, ScheduledExecutorService heartbeats, Duration heartbeatInterval,
            Executor pushing) {
        this.bus = requireNonNull(bus, "bus is null");
        this.scheduler = requireNonNull(heartbeats, "heartbeats is null");
        this.pushing = requireNonNull(pushing, "pushing is null");
        bus.onCampaignStarted(this::started);
        // An answer the bus could not hold for the watcher (NoWatcherRule) is asked for again, a moment later.
        bus.onAskedAgain((campaign, hostId) -> scheduler.schedule(() -> pushAgain(campaign, hostId),
                ASK_AGAIN_DELAY.toMillis(), TimeUnit.MILLISECONDS));
        long millis = heartbeatInterval.toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Twenty seconds: under Jetty's 30 s idle timeout and common proxies' 60 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(20);

    /** An open sink; closing it stops the pushes. */
    public interface Connection extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Connects {@code sink} for {@code hostId}: it receives the live queries already pending for the host at once,
     * then each new one (query name → SQL). Called from the bus's threads: the sink must not block.
     */
    public Connection connect(long hostId, Consumer<Map<String, String>> sink) {
        requireNonNull(sink, "sink is null");
        sinks.computeIfAbsent(hostId, id -> ConcurrentHashMap.newKeySet()).add(sink);
        Map<String, String> pending = new LinkedHashMap<>();
        bus.pendingFor(hostId).forEach((id, sql) -> pending.put(QueryNames.LIVE + id, sql));
        if (!pending.isEmpty()) {
            sink.accept(pending);
        }
        return () -> sinks.computeIfPresent(hostId, (id, set) -> {
            set.remove(sink);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many hosts hold a stream here. */
    public int connectedHosts() {
        return sinks.size();
    }

    private void heartbeat() {
        for (Map.Entry<Long, Set<Consumer<Map<String, String>>>> host : sinks.entrySet()) {
            for (Consumer<Map<String, String>> sink : host.getValue()) {
                try {
                    sink.accept(Map.of());
                } catch (RuntimeException e) {
                    log.atDebug().addKeyValue("host", host.getKey()).addKeyValue("err", e.toString())
                            .log("heartbeat failed");
                }
            }
        }
    }

    private void pushAgain(LiveCampaign campaign, long hostId) {
        if (!bus.pendingFor(hostId).containsKey(campaign.id())) {
            return; // answered meanwhile (through a distributed read), or finished
        }
        Set<Consumer<Map<String, String>>> connected = sinks.get(hostId);
        if (connected == null) {
            return;
        }
        Map<String, String> query = Map.of(QueryNames.LIVE + campaign.id(), campaign.sql());
        for (Consumer<Map<String, String>> sink : connected) {
            try {
                sink.accept(query);
            } catch (RuntimeException e) {
                log.atDebug().addKeyValue("host", hostId).addKeyValue("err", e.toString())
                        .log("pushing a live query again failed");
            }
        }
    }

    private void started(LiveCampaign campaign) {
        List<Long> connected = campaign.hostIds().stream().filter(sinks::containsKey).toList();
        for (int from = 0; from < connected.size(); from += SLICE) {
            List<Long> slice = connected.subList(from, Math.min(connected.size(), from + SLICE));
            try {
                pushing.execute(() -> push(campaign, slice));
            } catch (RejectedExecutionException e) {
                // shutting down: the hosts get the query at their next distributed read elsewhere
                log.atDebug().addKeyValue("campaign", campaign.id()).log("live query not pushed: stopping");
                return;
            }
        }
    }

    private void push(LiveCampaign campaign, List<Long> hostIds) {
        Map<String, String> query = Map.of(QueryNames.LIVE + campaign.id(), campaign.sql());
        int pushed = 0;
        for (long hostId : hostIds) {
            Set<Consumer<Map<String, String>>> connected = sinks.get(hostId);
            if (connected == null) {
                continue;
            }
            for (Consumer<Map<String, String>> sink : connected) {
                try {
                    sink.accept(query);
                    pushed++;
                } catch (RuntimeException e) {
                    // A broken stream must not keep the query from the other hosts; its host still gets it at
                    // its next distributed read.
                    log.atDebug().addKeyValue("host", hostId).addKeyValue("err", e.toString())
                            .log("pushing a live query failed");
                }
            }
        }
        log.atDebug().addKeyValue("campaign", campaign.id()).addKeyValue("pushed", pushed).log("live query pushed");
    }
}
