package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task every {@code interval} until interrupted, first one interval after it starts (as a Go ticker)
 * and then with {@code interval} between the end of one run and the start of the next.
 *
 * <p>An exception from the task ends the actor, and so its group; a task that should outlive its failures
 * catches them itself. An interrupt during a run takes effect when that run ends: the task is not
 * interrupted, so keep it short or give it its own timeout.
 */
public final class PeriodicActor implements Actor {
    private final long intervalNanos;
    private final Task task;
    private final CountDownLatch stop = new CountDownLatch(1);

    public PeriodicActor(Duration interval, Task task) {
        requireNonNull(interval, "interval is null");
        this.task = requireNonNull(task, "task is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, not " + interval);
        }
        this.intervalNanos = interval.toNanos(); // throws for intervals over 292 years, here rather than later
    }

    @Override
    public void execute() throws Exception {
        while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS)) {
            task.run();
        }
    }

    @Override
    public void interrupt(Throwable cause) {
        stop.countDown();
    }

    /** The work done each interval. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }
}
