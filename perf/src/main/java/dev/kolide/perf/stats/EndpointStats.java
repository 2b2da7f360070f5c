package dev.kolide.perf.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one endpoint, updated from any thread: requests, errors by kind, latency of every request. */
public final class EndpointStats {
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong windowMax = new AtomicLong();

    /** A finished request; {@code errorKind} is null on success. */
    public void record(long micros, String errorKind) {
        requests.increment();
        latency.record(micros);
        windowMax.accumulateAndGet(micros, Math::max);
        if (errorKind != null) {
            errors.computeIfAbsent(errorKind, kind -> new LongAdder()).increment();
        }
    }

    /** Totals so far, restarting the window maximum (call once per report). */
    Totals totals() {
        Map<String, Long> byKind = new TreeMap<>();
        errors.forEach((kind, count) -> byKind.put(kind, count.sum()));
        return new Totals(requests.sum(), byKind, latency.snapshot(), windowMax.getAndSet(0));
    }

    /** What the counters held at one report. */
    record Totals(long requests, Map<String, Long> errors, LatencyHistogram.Snapshot latency, long windowMax) {
        static Totals empty() {
            return new Totals(0, Map.of(), LatencyHistogram.Snapshot.empty(), 0);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
