package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live query's results socket ({@code wss://.../api/v1/kolide/results/websocket}): authenticates with the
 * client's token, selects the campaign, then hands out the server's messages in order with {@link #next}.
 */
public final class LiveQueryStream implements AutoCloseable {
    static final String PATH = FleetClient.API + "/results/websocket";

    private final WebSocket socket;
    private final BlockingQueue<LiveQueryEvent> events;

    private LiveQueryStream(WebSocket socket, BlockingQueue<LiveQueryEvent> events) {
        this.socket = socket;
        this.events = events;
    }

    /** Opens the socket for {@code campaign} and sends the auth and select_campaign messages. */
    public static LiveQueryStream open(FleetClient client, Campaign campaign) {
        requireNonNull(client, "client is null");
        requireNonNull(campaign, "campaign is null");
        if (client.token() == null) {
            throw new FleetClientException("opening live query results: not logged in (run fleetctl login)");
        }
        String doing = "opening the results of live query campaign " + campaign.id();
        LiveQueryMessages messages = new LiveQueryMessages(client.json());
        BlockingQueue<LiveQueryEvent> events = new LinkedBlockingQueue<>();
        WebSocket socket;
        try {
            socket = client.http().newWebSocketBuilder()
                    .connectTimeout(client.endpoint().timeout())
                    .buildAsync(client.endpoint().resolveWebSocket(PATH), new Listener(messages, events))
                    .get(client.endpoint().timeout().toMillis(), TimeUnit.MILLISECONDS);
            socket.sendText(messages.auth(client.token()), true).get();
            socket.sendText(messages.selectCampaign(campaign.id()), true).get();
        } catch (ExecutionException | CompletionException e) {
            throw new FleetClientException(doing + " at " + client.endpoint().address(), e.getCause());
        } catch (TimeoutException e) {
            throw new FleetClientException(doing + ": no answer within " + client.endpoint().timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetClientException(doing + ": interrupted", e);
        }
        return new LiveQueryStream(socket, events);
    }

    /** The next message, waiting up to {@code timeout}; empty when none came in time. */
    public Optional<LiveQueryEvent> next(Duration timeout) throws InterruptedException {
        requireNonNull(timeout, "timeout is null");
        return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** Says goodbye (waiting briefly for the close frame to go out), then drops the connection. */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // The server is gone or slow: nothing more to say to it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
        }
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** Puts each complete text message, decoded, on the queue; a close or failure ends the stream. */
    private static final class Listener implements WebSocket.Listener {
        private final LiveQueryMessages messages;
        private final BlockingQueue<LiveQueryEvent> events;
        private final StringBuilder partial = new StringBuilder();

        Listener(LiveQueryMessages messages, BlockingQueue<LiveQueryEvent> events) {
            this.messages = messages;
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(messages.decode(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new LiveQueryEvent.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new LiveQueryEvent.Closed(-1, "the connection failed: " + error.getMessage()));
        }
    }
}
