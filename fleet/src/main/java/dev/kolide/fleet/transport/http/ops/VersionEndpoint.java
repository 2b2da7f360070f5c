package dev.kolide.fleet.transport.http.ops;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.transport.http.routing.JsonHandler;
import dev.kolide.fleet.transport.http.routing.RouteRequest;
import dev.kolide.kit.version.BuildInfo;
import java.util.Map;

/**
 * {@code GET /version}: the build info as one JSON object, the same keys in the same order as {@code fleet
 * version --json} prints ({@code program, version, branch, revision, build_date, build_user, java_version}).
 */
public final class VersionEndpoint implements JsonHandler {

    private final Map<String, String> fields;

    public VersionEndpoint(BuildInfo buildInfo) {
        this.fields = requireNonNull(buildInfo, "buildInfo is null").toMap();
    }

    @Override
    public Object handle(RouteRequest request) {
        return fields;
    }
}
