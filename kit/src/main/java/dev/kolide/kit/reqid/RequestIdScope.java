package dev.kolide.kit.reqid;

import static java.util.Objects.requireNonNull;

import org.slf4j.MDC;

/**
 * Puts a request id in this thread's MDC until {@link #close()}, then restores what was there before.
 *
 * <p>Restoring (rather than removing) keeps an outer id intact when scopes nest, as when a gRPC call is served
 * on the caller's thread. The MDC is per thread: close the scope on the thread that opened it, and open a new
 * one when work for the same request continues on another thread.
 */
public final class RequestIdScope implements AutoCloseable {

    private final String previous;
    private final Thread owner;

    private RequestIdScope(String previous, Thread owner) {
        this.previous = previous;
        this.owner = owner;
    }

    /** Puts {@code requestId} in the MDC under {@link RequestIds#MDC_KEY}. */
    public static RequestIdScope open(String requestId) {
        requireNonNull(requestId, "requestId is null");
        String previous = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, requestId);
        return new RequestIdScope(previous, Thread.currentThread());
    }

    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            // Restoring on another thread would corrupt that thread's MDC and leave ours set.
            throw new IllegalStateException("closing a request id scope on thread " + Thread.currentThread().getName()
                    + ", opened on " + owner.getName());
        }
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }
}
