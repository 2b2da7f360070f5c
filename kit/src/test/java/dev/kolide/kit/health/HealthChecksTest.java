package dev.kolide.kit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HealthChecksTest {

    @Test
    void noChecksIsHealthy() {
        assertThat(HealthChecks.builder().build().run()).isEqualTo(new HealthReport(true, List.of()));
    }

    @Test
    void aFailingCheckFailsAloneAndTheReportKeepsTheOrderOfAdding() {
        HealthReport report = HealthChecks.builder()
                .add("mysql", () -> {})
                .add("disk", () -> { throw new IOException("disk full"); })
                .add("redis", () -> {})
                .build()
                .run();

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).containsExactly(
                CheckResult.passed("mysql"),
                CheckResult.failed("disk", "disk full"),
                CheckResult.passed("redis"));
    }

    @Test
    void aCheckThrowingWithoutAMessageIsReportedByItsExceptionClass() {
        HealthReport report = HealthChecks.builder()
                .add("buggy", () -> { throw new UnsupportedOperationException(); })
                .build()
                .run();

        assertThat(report.checks()).containsExactly(
                CheckResult.failed("buggy", "java.lang.UnsupportedOperationException"));
    }

    @Test
    void aHungCheckFailsAfterTheTimeoutWithoutHoldingUpTheOthers() {
        CountDownLatch release = new CountDownLatch(1);
        HealthChecks checks = HealthChecks.builder()
                .add("hung", release::await)
                .add("fine", () -> {})
                .timeout(Duration.ofMillis(100))
                .build();
        try {
            long start = System.nanoTime();
            HealthReport report = checks.run();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(report.checks()).containsExactly(
                    CheckResult.failed("hung", "did not finish within 100 ms"),
                    CheckResult.passed("fine"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCheckStillRunningIsWaitedForRatherThanStartedAgain() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        HealthChecks checks = HealthChecks.builder()
                .add("slow", () -> {
                    started.incrementAndGet();
                    release.await();
                })
                .timeout(Duration.ofMillis(50))
                .build();
        try {
            assertThat(checks.run().healthy()).isFalse();
            assertThat(checks.run().healthy()).isFalse();
            assertThat(started).hasValue(1);

            release.countDown();
            assertThat(checks.run().healthy()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void checkNamesAreUnique() {
        HealthChecks.Builder builder = HealthChecks.builder().add("mysql", () -> {});

        assertThatThrownBy(() -> builder.add("mysql", () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"mysql\"");
    }
}
