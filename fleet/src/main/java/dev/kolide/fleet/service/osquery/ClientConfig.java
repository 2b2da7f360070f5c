package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A host's osquery config as osquery reads it ({@code options}, {@code decorators}, {@code packs} ...). Held as a
 * JSON tree because most of it is the operator's free-form osquery options; this instance is the caller's own
 * (a fresh copy), so a transport may change it, as the launcher's does when it strips the plugin options.
 */
public record ClientConfig(ObjectNode json) {

    public ClientConfig {
        requireNonNull(json, "json is null");
    }
}
