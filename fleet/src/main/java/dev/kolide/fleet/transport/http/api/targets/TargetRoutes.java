package dev.kolide.fleet.transport.http.api.targets;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.service.api.targets.LabelTarget;
import dev.kolide.fleet.service.api.targets.TargetSearch;
import dev.kolide.fleet.service.api.targets.TargetService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.hosts.HostJson;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST targets}: {@code {"query":"...","selected":{"hosts":[ids],"labels":[ids]}}} → matching hosts and
 * labels (each label with its hosts counted by status) and the counts of the selection, as Kolide answers.
 */
public final class TargetRoutes {

    record Selected(List<Long> hosts, List<Long> labels) {}

    record TargetsRequest(String query, Selected selected) {}

    record LabelTargetJson(
            Instant createdAt,
            Instant updatedAt,
            long id,
            String name,
            String description,
            String query,
            String platform,
            String labelType,
            String labelMembershipType,
            String displayText,
            long count,
            long online,
            long offline,
            long missingInAction) {

        static LabelTargetJson from(LabelTarget target) {
            Label l = target.label();
            TargetMetrics m = target.metrics();
            return new LabelTargetJson(l.createdAt(), l.updatedAt(), l.id(), l.name(), l.description(), l.query(),
                    l.platform(), l.labelType().value(), l.membershipType().value(), l.name(), m.total(),
                    m.online(), m.offline(), m.mia());
        }
    }

    record Targets(List<HostJson> hosts, List<LabelTargetJson> labels) {}

    record TargetsResponse(Targets targets, long targetsCount, long targetsOnline, long targetsOffline,
            long targetsMissingInAction) {}

    private final TargetService targets;
    private final Authenticator auth;

    public TargetRoutes(TargetService targets, Authenticator auth) {
        this.targets = requireNonNull(targets, "targets is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.post("/targets", request -> {
            TargetsRequest body = Bodies.required(request, TargetsRequest.class);
            Selected selected = body.selected() == null ? new Selected(null, null) : body.selected();
            TargetSearch found = targets.search(auth.viewer(request), Bodies.orEmpty(body.query()),
                    Bodies.ids("selected.hosts", selected.hosts()), Bodies.ids("selected.labels", selected.labels()));
            TargetMetrics m = found.selected();
            return new TargetsResponse(new Targets(found.hosts().stream().map(HostJson::from).toList(),
                    found.labels().stream().map(LabelTargetJson::from).toList()),
                    m.total(), m.online(), m.offline(), m.mia());
        });
    }
}
