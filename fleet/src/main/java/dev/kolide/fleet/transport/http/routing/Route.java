package dev.kolide.fleet.transport.http.routing;

import dev.kolide.fleet.transport.http.body.BodyLimit;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.metrics.RequestSeries;
import org.eclipse.jetty.server.Handler;

/**
 * One registered method + template and what serves it: a {@link JsonHandler}, or (for streaming, WebSockets
 * and the operational endpoints) a Jetty handler that writes the response itself. Exactly one of the two is set.
 */
record Route(
        String method,
        RouteTemplate template,
        ErrorStyle errorStyle,
        BodyLimit bodyLimit,
        JsonHandler jsonHandler,
        Handler jettyHandler,
        RequestSeries series) {

    Route {
        if ((jsonHandler == null) == (jettyHandler == null)) {
            throw new IllegalArgumentException("a route has a JSON handler or a Jetty handler, not both or neither");
        }
    }
}
