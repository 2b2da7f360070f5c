package dev.kolide.fleet.transport.http.api.carves;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.carves.CarveService;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.ListParams;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import java.util.Map;

/** {@code carves}, {@code carves/{id}} and {@code carves/{id}/download} (fleetdm Fleet's carving; KF had none). */
public final class CarveRoutes {

    private final CarveService carves;
    private final Authenticator auth;

    public CarveRoutes(CarveService carves, Authenticator auth) {
        this.carves = requireNonNull(carves, "carves is null");
        this.auth = requireNonNull(auth, "auth is null");
    }

    public void register(ApiRouteGroup api) {
        api.get("/carves", request -> Map.of("carves", carves.list(auth.viewer(request), ListParams.page(request))
                .stream().map(CarveJson::from).toList()));
        api.get("/carves/{id}", request -> Map.of("carve",
                CarveJson.from(carves.get(auth.viewer(request), request.pathParams().getId("id")))));
        api.jetty("GET", "/carves/{id}/download", new CarveDownloadHandler(carves, auth));
    }
}
