package dev.kolide.fleet.transport.jsonrpc;

import static dev.kolide.fleet.transport.http.routing.RouteOption.withBodyLimit;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.transport.http.body.BodyLimit;
import dev.kolide.fleet.transport.http.routing.RouteGroup;

/**
 * Registers the launcher's JSON-RPC endpoint, {@code POST /}: launcher's JSON-RPC client posts to the root of
 * the server it is given, whatever fleet's URL prefix. The body limit is the osquery log route's, 10 MiB: a
 * PublishLogs batch is at most 3 MiB of logs, escaped once more inside JSON.
 */
public final class JsonRpcRoutes {
    public static final String PATH = "/";
    public static final BodyLimit BODY_LIMIT = BodyLimit.OSQUERY_LOG;

    private JsonRpcRoutes() {}

    /** Adds {@code POST /} to {@code root}, the group with the empty prefix. */
    public static void register(RouteGroup root, LauncherApi api, ObjectMapper json) {
        requireNonNull(root, "root is null");
        if (!root.prefix().isEmpty()) {
            throw new IllegalArgumentException("the launcher's JSON-RPC endpoint belongs at the root, not under \""
                    + root.prefix() + "\"");
        }
        JsonRpcEndpoint endpoint = new JsonRpcEndpoint(new LauncherMethods(api, json), json);
        root.post(PATH, endpoint::handle, withBodyLimit(BODY_LIMIT));
    }
}
