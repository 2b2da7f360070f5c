package dev.kolide.fleet.livequery.inprocess;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.livequery.ActiveCampaigns;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.OncePerHost;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a single fleet server ({@code --dev}): everything in memory, results delivered on the caller's thread.
 * Answers that came before anyone watched (a pushed query is answered in milliseconds, before the person's socket is
 * open) are held for the first watcher, up to {@link #MAX_UNWATCHED} per campaign; past that the host is asked again.
 */
public final class InProcessCampaignBus implements CampaignBus {
    static final int MAX_UNWATCHED = 10_000;

    private final Logger log = LoggerFactory.getLogger(InProcessCampaignBus.class);
    private final ActiveCampaigns campaigns = new ActiveCampaigns();
    private final Map<Long, List<Consumer<LiveResult>>> listeners = new ConcurrentHashMap<>();
    /** Guarded by {@link #watching}. */
    private final Map<Long, List<LiveResult>> unwatched = new HashMap<>();
    private final Object watching = new Object();
    private final NoWatcherRule noWatcher;

    public InProcessCampaignBus(NoWatcherRule noWatcher) {
        this.noWatcher = requireNonNull(noWatcher, "noWatcher is null");
    }

    @Override
    public void start(LiveCampaign campaign) {
        campaigns.add(requireNonNull(campaign, "campaign is null"), List.of());
    }

    @Override
    public Map<Long, String> pendingFor(long hostId) {
        return campaigns.pendingFor(hostId);
    }

    @Override
    public void publish(LiveResult result) {
        requireNonNull(result, "result is null");
        if (!campaigns.markAnswered(result.campaignId(), result.hostId())) {
            return;
        }
        Optional<LiveCampaign> campaign = campaigns.find(result.campaignId());
        List<Consumer<LiveResult>> watchers;
        // With subscribe: an answer is either held before a watcher reads the held ones, or delivered to it.
        synchronized (watching) {
            watchers = listeners.getOrDefault(result.campaignId(), List.of());
            if (campaign.isPresent() && !hold(campaign.get(), result, watchers.size())) {
                return;
            }
        }
        for (Consumer<LiveResult> listener : watchers) {
            try {
                listener.accept(result);
            } catch (RuntimeException e) {
                // One broken watcher must not cost the others their results, nor fail the host's write.
                log.warn("delivering a result of campaign {} to a subscriber failed", result.campaignId(), e);
            }
        }
    }

    /** Applies the no-watcher rule; false when the answer could not be held and the host is asked again. */
    private boolean hold(LiveCampaign campaign, LiveResult result, int watchers) {
        switch (noWatcher.apply(campaign, watchers)) {
            case HOLD -> {
                List<LiveResult> held = unwatched.computeIfAbsent(campaign.id(), id -> new ArrayList<>());
                if (held.size() < MAX_UNWATCHED) {
                    held.add(result);
                    return true;
                }
                campaigns.unanswer(campaign.id(), result.hostId());
                return false;
            }
            case ABANDON -> campaigns.abandon(campaign.id());
            case KEEP -> { }
        }
        return true;
    }

    @Override
    public Subscription subscribe(long campaignId, Consumer<LiveResult> listener) {
        requireNonNull(listener, "listener is null");
        Consumer<LiveResult> once = new OncePerHost(listener);
        List<LiveResult> held;
        synchronized (watching) {
            listeners.computeIfAbsent(campaignId, id -> new CopyOnWriteArrayList<>()).add(once);
            held = List.copyOf(unwatched.getOrDefault(campaignId, List.of()));
        }
        held.forEach(once);
        return () -> listeners.computeIfPresent(campaignId, (id, list) -> {
            list.remove(once);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public Set<Long> answered(long campaignId) {
        return campaigns.answered(campaignId);
    }

    @Override
    public boolean abandoned(long campaignId) {
        return campaigns.abandoned(campaignId);
    }

    @Override
    public void finish(long campaignId) {
        campaigns.remove(campaignId);
        synchronized (watching) {
            unwatched.remove(campaignId);
        }
    }

    @Override
    public Optional<LiveCampaign> find(long campaignId) {
        return campaigns.find(campaignId);
    }

    @Override
    public Collection<LiveCampaign> active() {
        return campaigns.all();
    }

    @Override
    public void onCampaignStarted(Consumer<LiveCampaign> listener) {
        campaigns.onAdded(listener);
    }

    @Override
    public void onAskedAgain(BiConsumer<LiveCampaign, Long> listener) {
        campaigns.onAskedAgain(listener);
    }

    @Override
    public void requireAvailable() {
        // always
    }

    /** How many subscriptions are open, over all campaigns (for tests of clean-up). */
    public int subscriptionCount() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
