package dev.kolide.fleet.transport.http.api;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.routing.JsonHandler;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;

/**
 * A route group that remembers what was registered on it ({@code "GET /api/v1/kolide/hosts/{id}"}), so that
 * the REST API can say which routes it has: the role table test checks that it covers every one.
 */
public final class ApiRouteGroup {

    private final RouteGroup group;
    private final List<String> routes = new ArrayList<>();

    public ApiRouteGroup(RouteGroup group) {
        this.group = requireNonNull(group, "group is null");
    }

    public ApiRouteGroup get(String path, JsonHandler handler) {
        group.get(path, handler);
        return record("GET", path);
    }

    public ApiRouteGroup post(String path, JsonHandler handler) {
        group.post(path, handler);
        return record("POST", path);
    }

    public ApiRouteGroup patch(String path, JsonHandler handler) {
        group.patch(path, handler);
        return record("PATCH", path);
    }

    public ApiRouteGroup delete(String path, JsonHandler handler) {
        group.delete(path, handler);
        return record("DELETE", path);
    }

    /** A route served by a Jetty handler that writes the response itself (streams). */
    public ApiRouteGroup jetty(String method, String path, Handler handler) {
        group.jetty(method, path, handler);
        return record(method, path);
    }

    /** The group being registered on. */
    public RouteGroup group() {
        return group;
    }

    /** Every route registered through this object, as "METHOD /full/template", in order. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    private ApiRouteGroup record(String method, String path) {
        routes.add(method + " " + group.prefix() + path);
        return this;
    }
}
