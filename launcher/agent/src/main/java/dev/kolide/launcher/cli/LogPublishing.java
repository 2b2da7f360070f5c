package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Actor;
import dev.kolide.launcher.extension.LogPublisher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the log publisher once at start (logs left from the last run go out at once) and then every
 * {@code --logging_interval}. No last attempt on shutdown: the logs are on disk and go with the next run, and a
 * server that is away must not hold up a stop.
 */
final class LogPublishing implements Actor {
    private final LogPublisher publisher;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);

    LogPublishing(LogPublisher publisher, Duration interval) {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    @Override
    public void execute() throws InterruptedException {
        do {
            publisher.flush();
        } while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void interrupt(Throwable cause) {
        stop.countDown();
    }
}
