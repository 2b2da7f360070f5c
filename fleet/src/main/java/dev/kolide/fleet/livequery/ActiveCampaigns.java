package dev.kolide.fleet.livequery;

import static java.util.Objects.requireNonNull;

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

/**
 * One server's memory of the running campaigns, indexed by host: {@link #pendingFor} costs one map lookup plus
 * one per campaign targeting that host, whatever the number of campaigns. Thread-safe. Both buses keep one; the
 * Redis bus fills it from notifications and a periodic resync.
 */
public final class ActiveCampaigns {

    private record Entry(LiveCampaign campaign, Set<Long> answered, Set<Boolean> abandoned) {}

    private final Map<Long, Entry> campaigns = new ConcurrentHashMap<>();
    private final List<Consumer<LiveCampaign>> startListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<LiveCampaign, Long>> askAgainListeners = new CopyOnWriteArrayList<>();
    /** hostId → campaigns it has still to answer. */
    private final Map<Long, Set<Long>> pendingByHost = new ConcurrentHashMap<>();

    /** Adds the campaign (once; adding it again keeps what is known) with hosts that already answered. */
    public void add(LiveCampaign campaign, Collection<Long> answered) {
        requireNonNull(campaign, "campaign is null");
        requireNonNull(answered, "answered is null");
        boolean[] added = new boolean[1];
        Entry entry = campaigns.computeIfAbsent(campaign.id(), id -> {
            added[0] = true;
            return new Entry(campaign, ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        });
        entry.answered().addAll(answered);
        for (long host : campaign.hostIds()) {
            if (entry.answered().contains(host)) {
                // An answer learned late (at resync) ends a pending entry made earlier.
                unindex(host, campaign.id());
            } else {
                pendingByHost.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(campaign.id());
            }
        }
        if (added[0]) {
            // After indexing, so a listener that asks pendingFor sees the new campaign.
            for (Consumer<LiveCampaign> listener : startListeners) {
                listener.accept(campaign);
            }
        }
    }

    /**
     * Calls {@code listener} with each campaign this server learns of from now on, once, on the thread that added
     * it: a local start, a notification from another server, or a resync. It must not block.
     */
    public void onAdded(Consumer<LiveCampaign> listener) {
        startListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Forgets the campaign; true when it was known. */
    public boolean remove(long campaignId) {
        Entry entry = campaigns.remove(campaignId);
        if (entry == null) {
            return false;
        }
        for (long host : entry.campaign().hostIds()) {
            unindex(host, campaignId);
        }
        return true;
    }

    /** Records an answer; false when the campaign is unknown here (finished, or not yet seen). */
    public boolean markAnswered(long campaignId, long hostId) {
        Entry entry = campaigns.get(campaignId);
        if (entry == null) {
            return false;
        }
        entry.answered().add(hostId);
        unindex(hostId, campaignId);
        return true;
    }

    /** Takes an answer back: the host is asked again (nobody watched yet, and the answer could not be held). */
    public void unanswer(long campaignId, long hostId) {
        Entry entry = campaigns.get(campaignId);
        if (entry != null && entry.answered().remove(hostId)) {
            pendingByHost.computeIfAbsent(hostId, h -> ConcurrentHashMap.newKeySet()).add(campaignId);
            for (BiConsumer<LiveCampaign, Long> listener : askAgainListeners) {
                listener.accept(entry.campaign(), hostId);
            }
        }
    }

    /** Calls {@code listener} with (campaign, host) each time a host is to be asked again. It must not block. */
    public void onAskedAgain(BiConsumer<LiveCampaign, Long> listener) {
        askAgainListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Marks the campaign as watched by nobody any more: the reaper finishes it. */
    public void abandon(long campaignId) {
        Entry entry = campaigns.get(campaignId);
        if (entry != null) {
            entry.abandoned().add(Boolean.TRUE);
        }
    }

    public boolean abandoned(long campaignId) {
        Entry entry = campaigns.get(campaignId);
        return entry != null && !entry.abandoned().isEmpty();
    }

    public Map<Long, String> pendingFor(long hostId) {
        Set<Long> ids = pendingByHost.get(hostId);
        if (ids == null || ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> pending = new HashMap<>();
        for (Long id : ids) {
            Entry entry = campaigns.get(id);
            if (entry != null) {
                pending.put(id, entry.campaign().sql());
            }
        }
        return pending;
    }

    public Optional<LiveCampaign> find(long campaignId) {
        return Optional.ofNullable(campaigns.get(campaignId)).map(Entry::campaign);
    }

    public Set<Long> answered(long campaignId) {
        Entry entry = campaigns.get(campaignId);
        return entry == null ? Set.of() : Set.copyOf(entry.answered());
    }

    public List<LiveCampaign> all() {
        return campaigns.values().stream().map(Entry::campaign).toList();
    }

    public Set<Long> ids() {
        return Set.copyOf(campaigns.keySet());
    }

    private void unindex(long hostId, long campaignId) {
        pendingByHost.computeIfPresent(hostId, (h, ids) -> {
            ids.remove(campaignId);
            return ids.isEmpty() ? null : ids;
        });
    }
}
