package dev.kolide.fleet.transport.http.api.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.livequery.CampaignRun;
import dev.kolide.fleet.service.livequery.LiveQueryService;
import dev.kolide.fleet.service.livequery.SyncResults;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.hosts.HostJson;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code queries/run}, {@code queries/run_by_names}, {@code queries/run_sync} and the results WebSocket
 * {@code results/websocket}.
 */
public final class LiveQueryRoutes {
    /** run_sync waits this long unless told otherwise, and never longer than {@link #MAX_SYNC_TIMEOUT_SECONDS}. */
    static final int DEFAULT_SYNC_TIMEOUT_SECONDS = 30;
    /** Long enough for hosts on a 60 s distributed interval several times over; a request thread is held meanwhile. */
    static final int MAX_SYNC_TIMEOUT_SECONDS = 300;

    record Selected(List<Long> hosts, List<Long> labels) {}

    record RunRequest(String query, Selected selected, Integer timeoutSeconds) {}

    record SelectedNames(List<String> hosts, List<String> labels) {}

    record RunByNamesRequest(String query, SelectedNames selected) {}

    private final LiveQueryService liveQueries;
    private final Authenticator auth;
    private final LiveResultsWebSocket webSocket;

    public LiveQueryRoutes(LiveQueryService liveQueries, Authenticator auth, LiveResultsWebSocket webSocket) {
        this.liveQueries = requireNonNull(liveQueries, "liveQueries is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.webSocket = requireNonNull(webSocket, "webSocket is null");
    }

    public void register(ApiRouteGroup api) {
        api.post("/queries/run", request -> {
            RunRequest body = Bodies.required(request, RunRequest.class);
            return campaign(liveQueries.run(auth.viewer(request), body.query(), hostIds(body.selected()),
                    labelIds(body.selected())));
        });
        api.post("/queries/run_by_names", request -> {
            RunByNamesRequest body = Bodies.required(request, RunByNamesRequest.class);
            SelectedNames selected = body.selected() == null ? new SelectedNames(null, null) : body.selected();
            return campaign(liveQueries.runByNames(auth.viewer(request), body.query(), names(selected.hosts()),
                    names(selected.labels())));
        });
        api.post("/queries/run_sync", request -> {
            RunRequest body = Bodies.required(request, RunRequest.class);
            int timeout = body.timeoutSeconds() == null ? DEFAULT_SYNC_TIMEOUT_SECONDS : body.timeoutSeconds();
            if (timeout < 1 || timeout > MAX_SYNC_TIMEOUT_SECONDS) {
                throw new BadRequestException("timeout_seconds must be between 1 and " + MAX_SYNC_TIMEOUT_SECONDS);
            }
            return sync(liveQueries.runSync(auth.viewer(request), body.query(), hostIds(body.selected()),
                    labelIds(body.selected()), Duration.ofSeconds(timeout)));
        });
        api.jetty("GET", "/results/websocket", webSocket);
    }

    private static Set<Long> hostIds(Selected selected) {
        return selected == null || selected.hosts() == null ? Set.of() : Bodies.ids("selected.hosts", selected.hosts());
    }

    private static Set<Long> labelIds(Selected selected) {
        return selected == null || selected.labels() == null ? Set.of()
                : Bodies.ids("selected.labels", selected.labels());
    }

    private static Set<String> names(List<String> names) {
        return names == null ? Set.of() : new LinkedHashSet<>(names);
    }

    private static Map<String, Object> campaign(CampaignRun run) {
        return Map.of("campaign", LiveQueryJson.campaign(run.campaign(), run.metrics()));
    }

    private static Map<String, Object> sync(SyncResults sync) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("campaign_id", sync.campaignId());
        json.put("results", sync.results().stream().map(r -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("host", HostJson.from(r.host()));
            result.put("rows", r.rows());
            result.put("error", r.error());
            return result;
        }).toList());
        json.put("hosts_without_results", sync.hostsWithoutResults().stream().map(HostJson::from).toList());
        json.put("finished", sync.finished());
        return json;
    }
}
