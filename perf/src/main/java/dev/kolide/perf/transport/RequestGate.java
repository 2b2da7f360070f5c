package dev.kolide.perf.transport;

import dev.kolide.perf.stats.Endpoint;
import dev.kolide.perf.stats.SimulationStats;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where every request passes: a bound on requests in flight (a slow fleet makes the scheduler wait instead of
 * piling up requests until the heap is gone) and the timing and error counting of each one. {@link #send} blocks
 * while the bound is reached, so call it from scheduler threads only, never from a client's completion threads
 * (which must stay free to complete the requests that give permits back).
 */
public final class RequestGate {
    private final Semaphore permits;
    private final int maxInFlight;
    private final SimulationStats stats;

    public RequestGate(int maxInFlight, SimulationStats stats) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, not " + maxInFlight);
        }
        this.permits = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.stats = stats;
    }

    /** Sends {@code request} to {@code endpoint} once a permit is free, timing it and counting its errors. */
    public <T extends AgentReply> CompletableFuture<T> send(Endpoint endpoint, Supplier<CompletableFuture<T>> request) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new CancellationException("stopping"));
        }
        long started = System.nanoTime();
        CompletableFuture<T> sent;
        try {
            sent = request.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((reply, error) -> {
            permits.release();
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            String kind = error != null ? kindOf(error) : reply.nodeInvalid() ? "node_invalid" : null;
            stats.endpoint(endpoint).record(micros, kind);
        });
    }

    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    /** Waits up to {@code millis} for every request in flight to finish; true if they did. */
    public boolean awaitIdle(long millis) throws InterruptedException {
        if (permits.tryAcquire(maxInFlight, millis, TimeUnit.MILLISECONDS)) {
            permits.release(maxInFlight);
            return true;
        }
        return false;
    }

    /** The error label of a failed request. */
    public static String kindOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TransportFailure failure) {
            return failure.kind();
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connect";
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        if (cause instanceof java.io.IOException) {
            return "io";
        }
        return cause.getClass().getSimpleName();
    }
}
