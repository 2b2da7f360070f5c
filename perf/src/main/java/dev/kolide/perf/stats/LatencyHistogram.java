package dev.kolide.perf.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free log-linear histogram of latencies in microseconds: exact below 32 µs, then 16 buckets per power of
 * two (at most 1/16 = 6.25 % relative error). Small (about 600 counters) so one per endpoint costs nothing, and
 * {@link #snapshot()} copies are cheap enough to take every report.
 */
public final class LatencyHistogram {
    private static final int EXACT = 32;
    private static final int SUB_BUCKETS = 16;
    private static final int BUCKETS = EXACT + 60 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    /** Records one latency; negative values count as 0. */
    public void record(long micros) {
        long value = Math.max(0, micros);
        counts.incrementAndGet(bucketOf(value));
        max.accumulateAndGet(value, Math::max);
    }

    /** The counts so far (a copy; recording may continue). */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy, max.get());
    }

    static int bucketOf(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int highestBit = 63 - Long.numberOfLeadingZeros(value);
        int shift = highestBit - 4;
        int sub = (int) (value >>> shift);
        return EXACT + (shift - 1) * SUB_BUCKETS + (sub - SUB_BUCKETS);
    }

    /** The largest value that lands in {@code bucket}. */
    static long highestIn(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int shift = (bucket - EXACT) / SUB_BUCKETS + 1;
        long sub = (bucket - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((sub + 1) << shift) - 1;
    }

    /** Immutable counts at one moment; {@link #minus} gives the counts of a report window. */
    public static final class Snapshot {
        private final long[] counts;
        private final long max;
        private final long total;

        Snapshot(long[] counts, long max) {
            this.counts = counts;
            this.max = max;
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            this.total = sum;
        }

        /** An empty snapshot. */
        public static Snapshot empty() {
            return new Snapshot(new long[BUCKETS], 0);
        }

        public long count() {
            return total;
        }

        /**
         * What was recorded since {@code earlier}; {@code windowMax} is the window's own maximum (a maximum cannot be
         * subtracted), 0 when unknown.
         */
        public Snapshot minus(Snapshot earlier, long windowMax) {
            long[] diff = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                diff[i] = Math.max(0, counts[i] - earlier.counts[i]);
            }
            return new Snapshot(diff, windowMax);
        }

        /** The highest recorded value (µs). */
        public long max() {
            return max;
        }

        /**
         * The value at {@code percentile} (0-100], in µs: the upper end of the bucket holding that rank, never above the
         * maximum. 0 when empty.
         */
        public long percentile(double percentile) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    long high = highestIn(i);
                    return max > 0 ? Math.min(high, max) : high;
                }
            }
            return max;
        }
    }
}
