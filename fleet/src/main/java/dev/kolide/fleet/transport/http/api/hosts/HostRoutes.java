package dev.kolide.fleet.transport.http.api.hosts;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.service.api.hosts.HostService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.errors.BadRequestException;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import java.util.Map;

/** {@code hosts} (paginated, {@code status} filter), {@code host_summary}, {@code hosts/{id}}, {@code hosts/identifier/{identifier}}. */
public final class HostRoutes {

    /** Kolide's host summary counts; new_count overlaps the other three. */
    record HostSummaryJson(long onlineCount, long offlineCount, long miaCount, long newCount) {}

    private final HostService hosts;
    private final Authenticator auth;

    public HostRoutes(HostService hosts, Authenticator auth) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/hosts", request -> Map.of("hosts", hosts.list(auth.viewer(request), ListParams.page(request),
                status(request)).stream().map(HostJson::from).toList()));
        api.get("/host_summary", request -> {
            HostSummary summary = hosts.summary(auth.viewer(request));
            return new HostSummaryJson(summary.online(), summary.offline(), summary.mia(), summary.newHosts());
        });
        api.get("/hosts/{id}", request -> Map.of("host",
                HostJson.from(hosts.get(auth.viewer(request), request.pathParams().getId("id")))));
        api.delete("/hosts/{id}", request -> {
            hosts.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
        api.get("/hosts/identifier/{identifier}", request -> Map.of("host", HostJson.from(
                hosts.getByIdentifier(auth.viewer(request), request.pathParams().get("identifier")))));
    }

    /** The {@code status} filter: online, offline, mia or new; absent or empty for every host. */
    private static HostStatus status(RouteRequest request) {
        String value = request.queryParam("status").orElse("").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return HostStatus.fromValue(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("query parameter status must be online, offline, mia or new");
        }
    }
}
