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
 * RouteGroup kolide = ApiRoutes.register(routes, services);   // the live-query routes join this group
 * }</pre>
 */
public final class ApiRoutes {

    public static final String API_PREFIX = "/api/v1/kolide";
    public static final String SETUP_PREFIX = "/api/v1/setup";

    private ApiRoutes() {}

    /**
     * Creates the {@value #API_PREFIX} and {@value #SETUP_PREFIX} groups and registers every route; returns the
     * former so that other routes (live queries) can join it.
     */
    public static RouteGroup register(Router.Builder routes, ApiServices services) {
        requireNonNull(routes, "routes is null");
        requireNonNull(services, "services is null");
        new SetupRoutes(services.setup()).register(routes.group(SETUP_PREFIX, ErrorStyle.USER_API));
        RouteGroup api = routes.group(API_PREFIX, ErrorStyle.USER_API);
        register(api, services);
        return api;
    }

    /** Registers every route on an existing {@value #API_PREFIX} group (setup excepted). */
    public static void register(RouteGroup api, ApiServices services) {
        requireNonNull(api, "api is null");
        requireNonNull(services, "services is null");
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
    }
}
