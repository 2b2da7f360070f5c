package dev.kolide.fleet.transport.http.api.livequery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.livequery.CampaignProgress;
import dev.kolide.fleet.service.livequery.LiveQueryService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One results socket: the client sends {@code {"type":"auth","data":{"token":jwt}}}, then
 * {@code {"type":"select_campaign","data":{"campaign_id":N}}}; the server streams {@code result} messages as
 * hosts answer, {@code totals} and {@code status} at once and every few seconds, and {@code error} for what goes
 * wrong. Closing the socket closes the campaign subscription, so nothing stays behind. Public because Jetty
 * calls the listener methods through method handles.
 */
public final class LiveResultsSession implements Session.Listener.AutoDemanding {
    private final Logger log = LoggerFactory.getLogger(LiveResultsSession.class);
    private final LiveQueryService liveQueries;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final ScheduledExecutorService ticker;
    private final Duration statusInterval;
    private final AtomicLong received = new AtomicLong();
    private Session session;
    private Viewer viewer;
    private CampaignBus.Subscription subscription;
    private ScheduledFuture<?> tick;
    private boolean closed;

    LiveResultsSession(LiveQueryService liveQueries, Authenticator auth, ObjectMapper json,
            ScheduledExecutorService ticker, Duration statusInterval) {
        this.liveQueries = liveQueries;
        this.auth = auth;
        this.json = json;
        this.ticker = ticker;
        this.statusInterval = statusInterval;
    }

    @Override
    public synchronized void onWebSocketOpen(Session session) {
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            JsonNode node = json.readTree(message);
            String type = node.path("type").asText("");
            JsonNode data = node.path("data");
            switch (type) {
                case "auth" -> authenticate(data.path("token").asText(""));
                case "select_campaign" -> select(data.path("campaign_id").asLong(0));
                default -> send("error", "unknown message type \"" + type + "\"");
            }
        } catch (JsonProcessingException e) {
            send("error", "messages must be JSON objects with type and data");
        } catch (RuntimeException e) {
            log.atDebug().setCause(e).log("a results socket request failed");
            send("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void authenticate(String token) {
        Viewer authenticated = auth.viewer(Optional.of("Bearer " + token));
        synchronized (this) {
            viewer = authenticated;
        }
    }

    private void select(long campaignId) {
        Viewer current;
        synchronized (this) {
            current = viewer;
            if (subscription != null) {
                send("error", "a campaign is already selected on this socket");
                return;
            }
        }
        if (current == null) {
            send("error", "authenticate first: {\"type\":\"auth\",\"data\":{\"token\":...}}");
            return;
        }
        CampaignBus.Subscription opened = liveQueries.watch(current, campaignId, result -> {
            received.incrementAndGet();
            send("result", LiveQueryJson.result(result));
        });
        synchronized (this) {
            if (closed) {
                opened.close();
                return;
            }
            subscription = opened;
            tick = ticker.scheduleWithFixedDelay(() -> progress(current, campaignId), 0,
                    statusInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void progress(Viewer current, long campaignId) {
        try {
            CampaignProgress progress = liveQueries.progress(current, campaignId);
            send("totals", LiveQueryJson.metrics(progress.totals()));
            long actual = received.get();
            long expected = progress.totals().online();
            boolean finished = progress.finished() || (expected > 0 && actual >= expected);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("expected_results", expected);
            status.put("actual_results", actual);
            status.put("status", finished ? "finished" : "pending");
            send("status", status);
        } catch (RuntimeException e) {
            log.atDebug().setCause(e).log("reporting campaign progress failed");
            send("error", "reporting the campaign's progress failed: " + e.getMessage());
        }
    }

    private void send(String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("data", data);
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding a " + type + " message for the results socket", e);
        }
        // Results come from bus threads and the ticker at once: one send at a time.
        synchronized (this) {
            if (session != null && session.isOpen() && !closed) {
                session.sendText(text, Callback.NOOP);
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        release();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        log.atDebug().setCause(cause).log("results socket failed");
        release();
    }

    private synchronized void release() {
        closed = true;
        if (tick != null) {
            tick.cancel(false);
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
