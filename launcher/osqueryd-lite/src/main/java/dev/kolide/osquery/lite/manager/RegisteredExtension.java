package dev.kolide.osquery.lite.manager;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An extension the manager knows: its uuid, what it said about itself, its plugins' routes, and a client to it. */
public record RegisteredExtension(long uuid, ExtensionInfo info, Path socket,
        Map<String, Map<String, List<Map<String, String>>>> routes, ExtensionManagerClient client) {
    public RegisteredExtension {
        requireNonNull(info, "info is null");
        requireNonNull(socket, "socket is null");
        requireNonNull(routes, "routes is null");
        requireNonNull(client, "client is null");
    }
}
