package dev.kolide.perf.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** 1 ms .. 10 s in 1 ms steps: percentile p is p % of 10 s, within the histogram's 1/16 resolution. */
    @ParameterizedTest(name = "p{0} = {1} µs")
    @CsvSource({
        "50,    5000000",
        "90,    9000000",
        "95,    9500000",
        "99,    9900000",
        "99.9,  9990000",
        "100,  10000000"})
    void percentilesOfAUniformSpreadAreWithinTheBucketResolution(double percentile, long expected) {
        LatencyHistogram histogram = new LatencyHistogram();
        LongStream.rangeClosed(1, 10_000).forEach(ms -> histogram.record(ms * 1000));

        long value = histogram.snapshot().percentile(percentile);

        assertThat((double) value).isCloseTo(expected, within(expected / 16.0));
        assertThat(value).isGreaterThanOrEqualTo(expected).isLessThanOrEqualTo(10_000_000);
    }

    @ParameterizedTest(name = "{0} µs stays in a bucket whose top is {1}")
    @CsvSource({"0, 0", "1, 1", "31, 31", "32, 33", "33, 33", "63, 63", "64, 67", "1000, 1023", "1000000, 1015807"})
    void bucketsAreExactBelow32AndLogLinearAbove(long value, long highest) {
        int bucket = LatencyHistogram.bucketOf(value);

        assertThat(LatencyHistogram.highestIn(bucket)).isEqualTo(highest);
        assertThat(LatencyHistogram.highestIn(bucket)).isGreaterThanOrEqualTo(value);
        assertThat(highest - value).isLessThanOrEqualTo(Math.max(0, value / 16));
    }

    @Test
    void aWindowIsTheDifferenceOfTwoSnapshotsWithItsOwnMaximum() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            histogram.record(100_000);
        }
        LatencyHistogram.Snapshot before = histogram.snapshot();
        for (int i = 0; i < 10; i++) {
            histogram.record(2_000);
        }

        LatencyHistogram.Snapshot window = histogram.snapshot().minus(before, 2_000);

        assertThat(window.count()).isEqualTo(10);
        assertThat(window.percentile(99)).isBetween(2_000L, 2_000L);
        assertThat(window.max()).isEqualTo(2_000);
    }

    @Test
    void anEmptyHistogramReportsZero() {
        LatencyHistogram.Snapshot empty = new LatencyHistogram().snapshot();

        assertThat(empty.count()).isZero();
        assertThat(empty.percentile(50)).isZero();
        assertThat(empty.max()).isZero();
    }

    @Test
    void theMaximumAndTheTopPercentileAreTheLargestValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(3);
        histogram.record(1_234_567);

        assertThat(histogram.snapshot().max()).isEqualTo(1_234_567);
        assertThat(histogram.snapshot().percentile(100)).isEqualTo(1_234_567);
        assertThat(histogram.snapshot().percentile(50)).isEqualTo(3);
    }
}
