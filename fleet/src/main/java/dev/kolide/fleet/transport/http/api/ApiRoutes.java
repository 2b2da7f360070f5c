package dev.kolide.fleet.transport.http.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.api.ApiServices;
import dev.kolide.fleet.transport.http.api.carves.CarveRoutes;
import dev.kolide.fleet.transport.http.api.config.ConfigRoutes;
import dev.kolide.fleet.transport.http.api.config.SpecConfigRoutes;
import dev.kolide.fleet.transport.http.api.hosts.HostRoutes;
import dev.kolide.fleet.transport.http.api.labels.LabelRoutes;
import dev.kolide.fleet.transport.http.api.packs.PackRoutes;
import dev.kolide.fleet.transport.http.api.queries.QueryRoutes;
import dev.kolide.fleet.transport.http.api.sessions.SessionRoutes;
import dev.kolide.fleet.transport.http.api.setup.SetupRoutes;
import dev.kolide.fleet.transport.http.api.targets.TargetRoutes;
import dev.kolide.fleet.transport.http.api.users.UserRoutes;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import dev.kolide.fleet.transport.http.routing.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the REST API for people on a router: {@code /api/v1/setup} and everything under
 * {@code /api/v1/kolide} but live queries (issue 4), in the user API error style.
 *
 * <pre>{@code
 * ApiServices services = ApiServices.create(datastore, hasher, tokens, new LoginRateLimiter(clock),
 *         sessionDuration, clock, random, osqueryAuthCache::evict);
 * ExceptionMappings.Builder mappings = ExceptionMappings.builder();
 * ApiExceptionMappings.addServiceMappings(mappings);
 * ApiExceptionMappings.addDatastoreMappings(mappings);
 * Router.Builder routes = Router.builder(codec, metrics).exceptionMappings(mappings.build());
 * RouteGroup kolide = ApiRoutes.register(routes, services).api();   // live-query routes join this group
 * }</pre>
 */
public final class ApiRoutes {

    public static final String API_PREFIX = "/api/v1/kolide";
    public static final String SETUP_PREFIX = "/api/v1/setup";

    private ApiRoutes() {}

    /**
     * What {@link #register(Router.Builder, ApiServices)} did: the {@value #API_PREFIX} group, for other routes
     * to join, and every route registered ("POST /api/v1/kolide/login" ...).
     */
    public record Registration(RouteGroup api, List<String> routes) {
        public Registration {
            requireNonNull(api, "api is null");
            routes = List.copyOf(routes);
        }
    }

    /** Creates the {@value #API_PREFIX} and {@value #SETUP_PREFIX} groups and registers every route. */
    public static Registration register(Router.Builder routes, ApiServices services) {
        requireNonNull(routes, "routes is null");
        requireNonNull(services, "services is null");
        ApiRouteGroup setup = new ApiRouteGroup(routes.group(SETUP_PREFIX, ErrorStyle.USER_API));
        new SetupRoutes(services.setup()).register(setup);
        RouteGroup api = routes.group(API_PREFIX, ErrorStyle.USER_API);
        List<String> registered = new ArrayList<>(setup.routes());
        registered.addAll(register(api, services));
        return new Registration(api, registered);
    }

    /** Registers every route but setup on an existing {@value #API_PREFIX} group; returns them. */
    public static List<String> register(RouteGroup group, ApiServices services) {
        requireNonNull(group, "group is null");
        requireNonNull(services, "services is null");
        ApiRouteGroup api = new ApiRouteGroup(group);
        Authenticator auth = new Authenticator(services.sessions());
        new SessionRoutes(services.sessions(), services.users(), auth).register(api);
        new UserRoutes(services.users(), auth).register(api);
        new QueryRoutes(services.queries(), auth).register(api);
        new PackRoutes(services.packs(), services.schedule(), auth).register(api);
        new LabelRoutes(services.labels(), auth).register(api);
        new HostRoutes(services.hosts(), auth).register(api);
        new TargetRoutes(services.targets(), auth).register(api);
        new ConfigRoutes(services.appConfig(), auth).register(api);
        new SpecConfigRoutes(services.enrollSecrets(), services.osqueryOptions(), auth).register(api);
        new CarveRoutes(services.carves(), auth).register(api);
        return api.routes();
    }
}
