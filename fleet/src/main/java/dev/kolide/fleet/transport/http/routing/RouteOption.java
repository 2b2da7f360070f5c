package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.body.BodyLimit;
import java.util.function.Consumer;

/**
 * A setting of one route that differs from its group's defaults, in the style of functional options:
 * {@code osquery.post("/log", logs::submit, withBodyLimit(BodyLimit.OSQUERY_LOG))}.
 */
public interface RouteOption extends Consumer<RouteOption.Settings> {

    /** The most bytes the route's request body may have, compressed or not; {@link BodyLimit#DEFAULT} otherwise. */
    static RouteOption withBodyLimit(BodyLimit limit) {
        requireNonNull(limit, "limit is null");
        return settings -> settings.bodyLimit = limit;
    }

    /** A route's settings; the defaults live here, options change them before the route is built. */
    final class Settings {
        BodyLimit bodyLimit = BodyLimit.DEFAULT;

        Settings() {}
    }
}
