package dev.kolide.fleet.transport.http.api.livequery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.service.livequery.LiveQueryService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * {@code GET /api/v1/kolide/results/websocket}: upgrades to a WebSocket speaking Kolide's results protocol (see
 * {@link LiveResultsSession}). A plain HTTP request gets 404 from the router.
 */
public final class LiveResultsWebSocket extends Handler.Abstract {
    /** Kolide's pace for totals and status messages. */
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(5);

    private final LiveQueryService liveQueries;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final ScheduledExecutorService ticker;
    private final Duration statusInterval;
    private ServerWebSocketContainer container;

    /**
     * @param ticker sends each socket's periodic totals and status; owned by the caller
     */
    public LiveResultsWebSocket(LiveQueryService liveQueries, Authenticator auth, ObjectMapper json,
            ScheduledExecutorService ticker, Duration statusInterval) {
        this.liveQueries = requireNonNull(liveQueries, "liveQueries is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.json = requireNonNull(json, "json is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.statusInterval = requireNonNull(statusInterval, "statusInterval is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return container(request.getConnectionMetaData().getConnector().getServer()).upgrade(
                (upgradeRequest, upgradeResponse, upgradeCallback) ->
                        new LiveResultsSession(liveQueries, auth, json, ticker, statusInterval),
                request, response, callback);
    }

    /** The server's WebSocket container, made on first use: the router does not give its handlers the server. */
    private synchronized ServerWebSocketContainer container(Server server) throws Exception {
        if (container == null) {
            ServerWebSocketContainer made = ServerWebSocketContainer.ensure(server);
            if (!made.isStarted()) {
                made.start();
            }
            container = made;
        }
        return container;
    }
}
