package dev.kolide.kit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PeriodicActorTest {

    @Test
    void runsTheTaskRepeatedlyUntilTheGroupEnds() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicInteger runs = new AtomicInteger();
        PeriodicActor periodic = new PeriodicActor(Duration.ofMillis(1), () -> {
            runs.incrementAndGet();
            threeRuns.countDown();
        });

        new RunGroup()
                .add("periodic", periodic)
                .add("until-three-runs", () -> threeRuns.await(), cause -> {})
                .run();

        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFailingTaskEndsTheActorWithItsException() {
        IOException diskFull = new IOException("disk full");
        AtomicInteger runs = new AtomicInteger();
        PeriodicActor periodic = new PeriodicActor(Duration.ofMillis(1), () -> {
            if (runs.incrementAndGet() == 2) {
                throw diskFull;
            }
        });

        assertThatThrownBy(periodic::execute).isSameAs(diskFull);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void anInterruptBeforeStartEndsItWithoutRunningTheTask() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicActor periodic = new PeriodicActor(Duration.ofHours(1), runs::incrementAndGet);

        periodic.interrupt(new IllegalStateException("group ending"));
        long start = System.nanoTime();
        periodic.execute();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(runs.get()).isZero();
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new PeriodicActor(Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
