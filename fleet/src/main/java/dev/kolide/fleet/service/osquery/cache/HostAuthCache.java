package dev.kolide.fleet.service.osquery.cache;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * node key → authenticated host (with its label ids), so that a steady check-in costs no database lookup.
 *
 * <p><b>TTL: {@value #DEFAULT_TTL_SECONDS} s.</b> Fleet nodes do not tell each other about deletions, so a host
 * deleted (or re-enrolled with a new key) through another node keeps working here until its entry expires, then
 * gets node_invalid. A minute is within the online window of a host on the recommended 10 s intervals (interval +
 * 30 s) and costs each host two indexed reads a minute (host by node key, its label ids) instead of a read and a
 * write per check-in (Kolide Fleet): at 10 s check-ins, a twelfth of the statements. Changes this node makes
 * itself (inventory after detail queries, label results, intervals) are written through with {@link #update};
 * deletions on this node call {@link #evict} and take effect at once.
 *
 * <p><b>Size: at most {@value #DEFAULT_MAX_ENTRIES} entries by default</b>, about 1 KB each (a host record
 * with its inventory), so some 100 MB at most. A full cache first drops expired entries, then a tenth of the rest
 * (whichever the map yields first): cheap, and a dropped host only costs one reload.
 *
 * <p>Thread-safe; lookups take no lock. Node keys are held as map keys only, and never logged.
 */
public final class HostAuthCache {
    public static final long DEFAULT_TTL_SECONDS = 60;
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(DEFAULT_TTL_SECONDS);
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Cached> byNodeKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> nodeKeyByHost = new ConcurrentHashMap<>();
    /** Moves at every eviction: a load that began before one must not put back what it read. */
    private final AtomicLong evictions = new AtomicLong();

    /** An entry, and when it expires; {@code labelQueriesAsOf} is when the host's label queries were taken. */
    private record Cached(AuthenticatedHost host, Instant expiresAt, Instant labelQueriesAsOf) {}

    public HostAuthCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = requireNonNull(clock, "clock is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, not " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public HostAuthCache(Clock clock) {
        this(clock, DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }

    /** The host cached for {@code nodeKey}, unless missing or expired. */
    public Optional<AuthenticatedHost> get(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        Cached entry = byNodeKey.get(nodeKey);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            remove(nodeKey, entry);
            return Optional.empty();
        }
        return Optional.of(entry.host());
    }

    /** A stamp to take before reading a host from the database, for {@link #put}. */
    public long stamp() {
        return evictions.get();
    }

    /**
     * Caches {@code host} for {@code nodeKey} for the TTL, unless an eviction happened since {@code stamp} (the
     * host read may be one just deleted or re-keyed; the next request reads it again). Drops any other key
     * cached for the same host: a re-enrolled host's old key.
     *
     * @return whether it was cached
     */
    public boolean put(String nodeKey, AuthenticatedHost host, long stamp) {
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(host, "host is null");
        if (byNodeKey.size() >= maxEntries) {
            makeRoom();
        }
        Cached entry = new Cached(host, clock.instant().plus(ttl), null);
        byNodeKey.put(nodeKey, entry);
        String previous = nodeKeyByHost.put(host.id(), nodeKey);
        if (previous != null && !previous.equals(nodeKey)) {
            byNodeKey.remove(previous);
        }
        if (evictions.get() != stamp) {
            // Undo: an eviction raced with the load. Removing only our own key leaves a newer put alone.
            remove(nodeKey, entry);
            return false;
        }
        return true;
    }

    /**
     * Replaces the cached state of host {@code hostId} with what {@code change} makes of it, keeping its expiry;
     * nothing happens when the host is not cached (a later load reads the stored state anyway).
     */
    public void update(long hostId, UnaryOperator<AuthenticatedHost> change) {
        requireNonNull(change, "change is null");
        String nodeKey = nodeKeyByHost.get(hostId);
        if (nodeKey == null) {
            return;
        }
        byNodeKey.computeIfPresent(nodeKey, (key, entry) -> entry.host().id() != hostId ? entry
                : new Cached(requireNonNull(change.apply(entry.host()), "changed host is null"), entry.expiresAt(),
                        entry.labelQueriesAsOf()));
    }

    /** Remembers that the host was handed label queries as the labels stood at {@code asOf}. */
    public void labelQueriesHandedOut(long hostId, Instant asOf) {
        requireNonNull(asOf, "asOf is null");
        String nodeKey = nodeKeyByHost.get(hostId);
        if (nodeKey != null) {
            byNodeKey.computeIfPresent(nodeKey, (key, entry) -> entry.host().id() != hostId ? entry
                    : new Cached(entry.host(), entry.expiresAt(), asOf));
        }
    }

    /**
     * When the host's outstanding label queries were taken, if this node handed them out; forgotten once taken, so
     * that answers to a later read handed out elsewhere are not dated by this one.
     */
    public Optional<Instant> takeLabelQueriesAsOf(long hostId) {
        String nodeKey = nodeKeyByHost.get(hostId);
        if (nodeKey == null) {
            return Optional.empty();
        }
        Instant[] taken = {null};
        byNodeKey.computeIfPresent(nodeKey, (key, entry) -> {
            if (entry.host().id() != hostId) {
                return entry;
            }
            taken[0] = entry.labelQueriesAsOf();
            return new Cached(entry.host(), entry.expiresAt(), null);
        });
        return Optional.ofNullable(taken[0]);
    }

    /** Forgets host {@code hostId} now: after its deletion or re-enrollment on this node. */
    public void evict(long hostId) {
        evictions.incrementAndGet();
        String nodeKey = nodeKeyByHost.remove(hostId);
        if (nodeKey != null) {
            byNodeKey.remove(nodeKey);
        }
    }

    /** Entries held, expired ones included until they are looked up or swept. */
    public int size() {
        return byNodeKey.size();
    }

    private void remove(String nodeKey, Cached entry) {
        if (byNodeKey.remove(nodeKey, entry)) {
            nodeKeyByHost.remove(entry.host().id(), nodeKey);
        }
    }

    private void makeRoom() {
        Instant now = clock.instant();
        byNodeKey.forEach((key, entry) -> {
            if (!now.isBefore(entry.expiresAt())) {
                remove(key, entry);
            }
        });
        int toDrop = byNodeKey.size() - maxEntries + Math.max(1, maxEntries / 10);
        Iterator<Map.Entry<String, Cached>> entries = byNodeKey.entrySet().iterator();
        while (toDrop-- > 0 && entries.hasNext()) {
            Map.Entry<String, Cached> next = entries.next();
            remove(next.getKey(), next.getValue());
        }
    }
}
