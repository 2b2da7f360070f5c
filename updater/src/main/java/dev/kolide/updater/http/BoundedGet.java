package dev.kolide.updater.http;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.reqid.HttpClientRequestIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A GET whose 200 body is handed to a {@link BodySink} chunk by chunk and stopped as soon as it passes a cap, so a
 * server can never make us hold or write more than the caller trusts (TUF's endless-data attack). Other statuses
 * keep only a short excerpt of their body for the error message. Every request says {@code Cache-Control:
 * no-store}: a stale cached timestamp would look like a freeze attack.
 */
public final class BoundedGet {
    /** How much of a non-200 body is kept for the message; the rest is not read. */
    static final int EXCERPT_BYTES = 512;

    private static final long POLL_MILLIS = 50;

    private final HttpClient client;
    private final Timeouts timeouts;

    /** The status of a GET, and for non-200 statuses the start of the body (for messages). */
    public record Response(int status, String excerpt) {}

    public BoundedGet(HttpClient client, Timeouts timeouts) {
        this.client = requireNonNull(client, "client is null");
        this.timeouts = requireNonNull(timeouts, "timeouts is null");
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * GETs {@code uri}; a 200 body goes to {@code sink}, at most {@code cap} bytes of it.
     *
     * @throws BodyTooLargeException when a 200 body has more than {@code cap} bytes (the sink got at most cap)
     * @throws HttpTimeoutException when the headers, the next chunk or the whole body take too long
     * @throws IOException when the connection fails or the sink does
     */
    public Response get(URI uri, long cap, BodySink sink) throws IOException, InterruptedException {
        requireNonNull(uri, "uri is null");
        requireNonNull(sink, "sink is null");
        if (cap < 0) {
            throw new IllegalArgumentException("negative cap " + cap);
        }
        HttpRequest request = HttpClientRequestIds.withCurrentRequestId(HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeouts.headers())
                .header("Cache-Control", "no-store")).build();
        Exchange exchange = new Exchange(cap, sink);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> pending = client.sendAsync(request, exchange::subscriber);
        try {
            while (true) {
                try {
                    HttpResponse<Void> response = pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return new Response(response.statusCode(), exchange.excerpt());
                } catch (TimeoutException e) {
                    checkDeadlines(uri, exchange, start, pending);
                }
            }
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            exchange.cancel(new IOException("interrupted"));
            pending.cancel(true);
            throw e;
        }
    }

    private void checkDeadlines(URI uri, Exchange exchange, long start, CompletableFuture<?> pending)
            throws HttpTimeoutException {
        long now = System.nanoTime();
        HttpTimeoutException timeout = null;
        if (timeouts.total() != null && now - start > timeouts.total().toNanos()) {
            timeout = new HttpTimeoutException("GET " + uri + " took longer than " + timeouts.total().toMillis()
                    + " ms");
        } else if (exchange.idleSince(now) > timeouts.idle().toNanos()) {
            timeout = new HttpTimeoutException("GET " + uri + ": no data for " + timeouts.idle().toMillis() + " ms");
        }
        if (timeout != null) {
            exchange.cancel(timeout);
            pending.cancel(true);
            throw timeout;
        }
    }

    private static IOException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof CancellationException) {
            return new IOException("the request was cancelled", cause);
        }
        return new IOException(cause == null ? "the request failed" : String.valueOf(cause.getMessage()), cause);
    }

    /** One request's state: which subscriber got the body, so a timeout can cancel it, and the excerpt. */
    private static final class Exchange {
        private final long cap;
        private final BodySink sink;
        private final ByteArrayOutputStream excerpt = new ByteArrayOutputStream();
        private volatile CappedSubscriber subscriber;

        Exchange(long cap, BodySink sink) {
            this.cap = cap;
            this.sink = sink;
        }

        HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
            CappedSubscriber chosen = info.statusCode() == 200
                    ? new CappedSubscriber(cap, sink, true)
                    : new CappedSubscriber(EXCERPT_BYTES, this::keep, false);
            subscriber = chosen;
            return chosen;
        }

        private void keep(ByteBuffer chunk) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            excerpt.write(bytes, 0, bytes.length);
        }

        /** Nanoseconds since the body last made progress; 0 while the headers are still awaited. */
        long idleSince(long now) {
            CappedSubscriber current = subscriber;
            return current == null ? 0 : now - current.lastActivity();
        }

        void cancel(IOException why) {
            CappedSubscriber current = subscriber;
            if (current != null) {
                current.cancel(why);
            }
        }

        String excerpt() {
            return excerpt.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
