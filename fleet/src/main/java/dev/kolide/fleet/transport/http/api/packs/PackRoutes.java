package dev.kolide.fleet.transport.http.api.packs;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.packs.PackDetails;
import dev.kolide.fleet.service.api.packs.PackInput;
import dev.kolide.fleet.service.api.packs.PackService;
import dev.kolide.fleet.service.api.packs.PackSpec;
import dev.kolide.fleet.service.api.packs.ScheduleInput;
import dev.kolide.fleet.service.api.packs.ScheduleService;
import dev.kolide.fleet.service.api.packs.ScheduledQueryDetails;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code packs}, {@code packs/{id}}, {@code packs/{name}} (DELETE), {@code packs/id/{id}} (DELETE),
 * {@code packs/{id}/scheduled}, {@code schedule[/{id}]} and {@code spec/packs[/{name}]}.
 */
public final class PackRoutes {

    record PackSpecsRequest(List<PackSpecJson> specs) {}

    private final PackService packs;
    private final ScheduleService schedule;
    private final Authenticator auth;

    public PackRoutes(PackService packs, ScheduleService schedule, Authenticator auth) {
        this.packs = requireNonNull(packs, "packs is null");
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/packs", request -> Map.of("packs",
                packs.list(auth.viewer(request), ListParams.page(request)).stream().map(PackJson::from).toList()));
        api.post("/packs", request -> pack(packs.create(auth.viewer(request),
                Bodies.required(request, PackInput.class))));
        api.get("/packs/{id}", request -> pack(packs.get(auth.viewer(request), request.pathParams().getId("id"))));
        api.patch("/packs/{id}", request -> pack(packs.modify(auth.viewer(request), request.pathParams().getId("id"),
                Bodies.required(request, PackInput.class))));
        api.delete("/packs/{name}", request -> {
            packs.deleteByName(auth.viewer(request), request.pathParams().get("name"));
            return JsonReply.empty();
        });
        api.delete("/packs/id/{id}", request -> {
            packs.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
        api.get("/packs/{id}/scheduled", request -> Map.of("scheduled",
                packs.listScheduled(auth.viewer(request), request.pathParams().getId("id")).stream()
                        .map(ScheduledQueryJson::from)
                        .toList()));

        api.post("/schedule", request -> scheduled(schedule.schedule(auth.viewer(request),
                Bodies.required(request, ScheduleInput.class))));
        api.get("/schedule/{id}", request -> scheduled(schedule.get(auth.viewer(request),
                request.pathParams().getId("id"))));
        api.patch("/schedule/{id}", request -> scheduled(schedule.modify(auth.viewer(request),
                request.pathParams().getId("id"), Bodies.required(request, ScheduleInput.class))));
        api.delete("/schedule/{id}", request -> {
            schedule.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });

        api.post("/spec/packs", request -> {
            PackSpecsRequest body = Bodies.required(request, PackSpecsRequest.class);
            List<PackSpec> specs = new ArrayList<>();
            for (PackSpecJson spec : body.specs() == null ? List.<PackSpecJson>of() : body.specs()) {
                specs.add(spec == null ? null : spec.toSpec());
            }
            packs.applySpecs(auth.viewer(request), specs);
            return JsonReply.empty();
        });
        api.get("/spec/packs", request -> Map.of("specs",
                packs.specs(auth.viewer(request)).stream().map(PackSpecJson::from).toList()));
        api.get("/spec/packs/{name}", request -> Map.of("specs",
                PackSpecJson.from(packs.spec(auth.viewer(request), request.pathParams().get("name")))));
    }

    private static Map<String, PackJson> pack(PackDetails details) {
        return Map.of("pack", PackJson.from(details));
    }

    private static Map<String, ScheduledQueryJson> scheduled(ScheduledQueryDetails details) {
        return Map.of("scheduled", ScheduledQueryJson.from(details));
    }
}
