package dev.kolide.fleet.transport.http.osquery;

import static dev.kolide.fleet.transport.http.routing.RouteOption.withBodyLimit;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.service.osquery.OsqueryService;
import dev.kolide.fleet.transport.http.body.BodyLimit;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import dev.kolide.fleet.transport.http.routing.Router;

/**
 * The osquery TLS API under {@value #PREFIX}, in the osquery error style, with fleetdm's body limits:
 *
 * <pre>
 * POST /enroll               1 MiB     POST /distributed/read    1 MiB
 * POST /config               1 MiB     POST /distributed/write   5 MiB
 * POST /log                 10 MiB     POST /carve/begin         1 MiB
 *                                      POST /carve/block        12 MiB
 * </pre>
 *
 * A carve block carries up to 8 MiB (the service's cap) as base64, 10.7 MiB, plus its JSON: hence 12 MiB.
 * Bodies may be gzipped. In the wiring: {@code OsqueryRoutes.register(routes, osquery.service(), codec)}.
 */
public final class OsqueryRoutes {
    public static final String PREFIX = "/api/v1/osquery";
    public static final BodyLimit CARVE_BLOCK = BodyLimit.mebibytes(12);

    private OsqueryRoutes() {}

    /** Adds the route group and its seven routes; {@code codec} is the router's (its mapper re-encodes logs). */
    public static RouteGroup register(Router.Builder routes, OsqueryService service, JsonCodec codec) {
        requireNonNull(routes, "routes is null");
        requireNonNull(codec, "codec is null");
        OsqueryHandlers handlers = new OsqueryHandlers(service, codec.objectMapper());
        return routes.group(PREFIX, ErrorStyle.OSQUERY)
                .post("/enroll", handlers::enroll)
                .post("/config", handlers::config)
                .post("/log", handlers::log, withBodyLimit(BodyLimit.OSQUERY_LOG))
                .post("/distributed/read", handlers::distributedRead)
                .post("/distributed/write", handlers::distributedWrite, withBodyLimit(BodyLimit.DISTRIBUTED_WRITE))
                .post("/carve/begin", handlers::carveBegin)
                .post("/carve/block", handlers::carveBlock, withBodyLimit(CARVE_BLOCK));
    }
}
