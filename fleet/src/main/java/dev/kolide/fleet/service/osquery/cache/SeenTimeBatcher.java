package dev.kolide.fleet.service.osquery.cache;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.kit.run.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Check-in times, collected in memory and written in batches: Kolide Fleet wrote {@code seen_time} at every
 * request, one MySQL write per check-in, fleetdm's first scaling bottleneck. Here a check-in is a map update;
 * every {@value #DEFAULT_INTERVAL_SECONDS} s (and once more on shutdown) one {@link HostStore#markSeen} call
 * writes them all (one UPDATE per 500 hosts). Status lags by at most the interval, well inside the 30 s online
 * buffer.
 *
 * <p>As a run group actor ({@code group.add("osquery-seen-times", batcher)}) it flushes every interval until
 * interrupted, then flushes what is left. A failed flush is logged and its times kept for the next one (the
 * latest time per host wins), so a database outage loses nothing but delays the writes; memory stays bounded by
 * the number of hosts.
 */
public final class SeenTimeBatcher implements Actor {
    public static final long DEFAULT_INTERVAL_SECONDS = 5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS);

    private final Logger log = LoggerFactory.getLogger(SeenTimeBatcher.class);
    private final HostStore hosts;
    private final Duration interval;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Object flushLock = new Object();

    public SeenTimeBatcher(HostStore hosts, Duration interval) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, not " + interval);
        }
    }

    /** Notes that host {@code hostId} checked in at {@code seen}; keeps the later of two times. */
    public void record(long hostId, Instant seen) {
        requireNonNull(seen, "seen is null");
        pending.merge(hostId, seen, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Hosts waiting to be written. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Writes every pending time in one {@link HostStore#markSeen} call. On failure the times are put back (unless
     * a later one arrived meanwhile) and the exception is thrown.
     *
     * @return how many hosts were written
     */
    public int flush() {
        synchronized (flushLock) {
            Map<Long, Instant> batch = new HashMap<>();
            // remove(key) per entry: a record() racing with this lands either in this batch or in the next one.
            for (Long hostId : pending.keySet()) {
                Instant seen = pending.remove(hostId);
                if (seen != null) {
                    batch.put(hostId, seen);
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                hosts.markSeen(batch);
                return batch.size();
            } catch (RuntimeException e) {
                batch.forEach(this::record);
                throw e;
            }
        }
    }

    @Override
    public void execute() throws InterruptedException {
        while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
            flushLogged();
        }
        flushLogged();
    }

    @Override
    public void interrupt(Throwable cause) {
        stop.countDown();
    }

    private void flushLogged() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).addKeyValue("hosts", pending.size())
                    .log("writing check-in times failed; keeping them for the next try");
        }
    }
}
