package dev.kolide.updater.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Hands a body to a sink one chunk at a time (one request outstanding, so a fast server cannot queue up data in
 * memory) and cancels the stream as soon as it would pass the cap: either failing ({@link BodyTooLargeException})
 * or, for error-body excerpts, quietly keeping what fitted.
 */
final class CappedSubscriber implements HttpResponse.BodySubscriber<Void> {
    private final long cap;
    private final BodySink sink;
    private final boolean failWhenLonger;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile long lastActivity = System.nanoTime();
    private long received;

    CappedSubscriber(long cap, BodySink sink, boolean failWhenLonger) {
        this.cap = cap;
        this.sink = sink;
        this.failWhenLonger = failWhenLonger;
    }

    long lastActivity() {
        return lastActivity;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        lastActivity = System.nanoTime();
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer chunk : chunks) {
                if (!take(chunk)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            cancel(e instanceof IOException io ? io : new IOException("writing the response body", e));
            return;
        }
        subscription.request(1);
    }

    /** Passes on what fits under the cap; false once the body is over it (the stream is then stopped). */
    private boolean take(ByteBuffer chunk) throws IOException {
        long room = cap - received;
        if (chunk.remaining() <= room) {
            received += chunk.remaining();
            sink.accept(chunk);
            return true;
        }
        if (failWhenLonger) {
            cancel(new BodyTooLargeException(cap));
            return false;
        }
        ByteBuffer fitting = chunk.slice().limit((int) room);
        received += room;
        sink.accept(fitting);
        subscription.cancel();
        result.complete(null);
        return false;
    }

    void cancel(IOException why) {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(why);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(null);
    }

    @Override
    public CompletionStage<Void> getBody() {
        return result;
    }
}
