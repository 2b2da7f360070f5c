package dev.kolide.fleet.transport.http.api.labels;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.labels.LabelDetails;
import dev.kolide.fleet.service.api.labels.LabelInput;
import dev.kolide.fleet.service.api.labels.LabelService;
import dev.kolide.fleet.service.api.labels.LabelSpec;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.Bodies;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.api.hosts.HostJson;
import dev.kolide.fleet.transport.http.routing.JsonReply;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code labels}, {@code labels/{id}}, {@code labels/{id}/hosts}, {@code labels/{name}} (DELETE),
 * {@code labels/id/{id}} (DELETE) and {@code spec/labels[/{name}]}.
 */
public final class LabelRoutes {

    record CreateLabelRequest(
            String name, String description, String query, String platform, String labelMembershipType,
            List<Long> hostIds) {}

    record ModifyLabelRequest(String name, String description) {}

    record LabelSpecsRequest(List<LabelSpecJson> specs) {}

    private final LabelService labels;
    private final Authenticator auth;

    public LabelRoutes(LabelService labels, Authenticator auth) {
        this.labels = requireNonNull(labels, "labels is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/labels", request -> Map.of("labels", labels.list(auth.viewer(request), ListParams.page(request))
                .stream().map(LabelDetailsJson::from).toList()));
        api.post("/labels", request -> {
            CreateLabelRequest body = Bodies.required(request, CreateLabelRequest.class);
            return label(labels.create(auth.viewer(request), new LabelInput(body.name(), body.description(),
                    body.query(), body.platform(), body.labelMembershipType(), body.hostIds())));
        });
        api.get("/labels/{id}", request -> label(labels.get(auth.viewer(request), request.pathParams().getId("id"))));
        api.patch("/labels/{id}", request -> {
            ModifyLabelRequest body = Bodies.required(request, ModifyLabelRequest.class);
            return label(labels.modify(auth.viewer(request), request.pathParams().getId("id"), body.name(),
                    body.description()));
        });
        api.get("/labels/{id}/hosts", request -> Map.of("hosts", labels.listHosts(auth.viewer(request),
                request.pathParams().getId("id"), ListParams.page(request)).stream().map(HostJson::from).toList()));
        api.delete("/labels/{name}", request -> {
            labels.deleteByName(auth.viewer(request), request.pathParams().get("name"));
            return JsonReply.empty();
        });
        api.delete("/labels/id/{id}", request -> {
            labels.delete(auth.viewer(request), request.pathParams().getId("id"));
            return JsonReply.empty();
        });
        api.post("/spec/labels", request -> {
            LabelSpecsRequest body = Bodies.required(request, LabelSpecsRequest.class);
            List<LabelSpec> specs = new ArrayList<>();
            for (LabelSpecJson spec : body.specs() == null ? List.<LabelSpecJson>of() : body.specs()) {
                specs.add(spec == null ? null : spec.toSpec());
            }
            labels.applySpecs(auth.viewer(request), specs);
            return JsonReply.empty();
        });
        api.get("/spec/labels", request -> Map.of("specs",
                labels.specs(auth.viewer(request)).stream().map(LabelSpecJson::from).toList()));
        api.get("/spec/labels/{name}", request -> Map.of("specs",
                LabelSpecJson.from(labels.spec(auth.viewer(request), request.pathParams().get("name")))));
    }

    private static Map<String, LabelDetailsJson> label(LabelDetails details) {
        return Map.of("label", LabelDetailsJson.from(details));
    }
}
