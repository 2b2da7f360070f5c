package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import org.eclipse.jetty.server.Handler;

/**
 * Routes under one path prefix that answer errors in one {@link ErrorStyle}: {@code /api/v1/osquery} in the
 * osquery style, {@code /api/v1/kolide} in the user API style. Paths given here are relative to the prefix.
 * Unknown paths under the prefix get their 404 in the group's style too.
 *
 * <pre>{@code
 * RouteGroup osquery = routes.group("/api/v1/osquery", ErrorStyle.OSQUERY);
 * osquery.post("/enroll", endpoints::enroll);
 * osquery.post("/log", endpoints::log, withBodyLimit(BodyLimit.OSQUERY_LOG));
 * osquery.post("/distributed/write", endpoints::distributedWrite, withBodyLimit(BodyLimit.DISTRIBUTED_WRITE));
 * }</pre>
 */
public final class RouteGroup {

    private final Router.Builder builder;
    private final String prefix;
    private final ErrorStyle errorStyle;

    RouteGroup(Router.Builder builder, String prefix, ErrorStyle errorStyle) {
        this.builder = builder;
        this.prefix = prefix;
        this.errorStyle = errorStyle;
    }

    public String prefix() {
        return prefix;
    }

    public ErrorStyle errorStyle() {
        return errorStyle;
    }

    public RouteGroup get(String path, JsonHandler handler, RouteOption... options) {
        return route("GET", path, handler, options);
    }

    public RouteGroup post(String path, JsonHandler handler, RouteOption... options) {
        return route("POST", path, handler, options);
    }

    public RouteGroup put(String path, JsonHandler handler, RouteOption... options) {
        return route("PUT", path, handler, options);
    }

    public RouteGroup patch(String path, JsonHandler handler, RouteOption... options) {
        return route("PATCH", path, handler, options);
    }

    public RouteGroup delete(String path, JsonHandler handler, RouteOption... options) {
        return route("DELETE", path, handler, options);
    }

    /** A route for any method, answered by {@code handler}'s return value as JSON. */
    public RouteGroup route(String method, String path, JsonHandler handler, RouteOption... options) {
        requireNonNull(handler, "handler is null");
        builder.add(method, prefix + requireNonNull(path, "path is null"), errorStyle, handler, null, options);
        return this;
    }

    /**
     * A route answered by a Jetty handler that writes the response itself: streams, WebSocket upgrades, the
     * operational endpoints. It is started and stopped with the server. It reads the body itself (use
     * {@link dev.kolide.fleet.transport.http.body.RequestBodies} to keep a limit); the limit option does not apply.
     * If it returns false, the router answers 404; if it throws before committing the response, the exception is
     * answered as for a {@link JsonHandler}.
     */
    public RouteGroup jetty(String method, String path, Handler handler, RouteOption... options) {
        requireNonNull(handler, "handler is null");
        builder.add(method, prefix + requireNonNull(path, "path is null"), errorStyle, null, handler, options);
        return this;
    }
}
