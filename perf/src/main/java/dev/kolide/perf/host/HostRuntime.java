package dev.kolide.perf.host;

import dev.kolide.perf.transport.AgentTransport;
import dev.kolide.perf.transport.RequestGate;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every simulated host shares: the transport, the request gate, the scheduler that runs all of them, the
 * templates, the node key store and the count of enrolled hosts.
 */
public record HostRuntime(AgentTransport transport, RequestGate gate, ScheduledExecutorService scheduler,
        HostTemplates templates, NodeKeyStore keys, HostTimings timings, AtomicInteger enrolled) {

    /** Runs {@code task} on the scheduler after {@code delay}; nothing once the scheduler stops. */
    ScheduledFuture<?> later(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}; nothing once stopped. */
    void every(Runnable task, Duration initialDelay, Duration period) {
        try {
            scheduler.scheduleAtFixedRate(task, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // the run is over
        }
    }
}
