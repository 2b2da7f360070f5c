package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** One document of a spec file: {@code apiVersion: v1}, a {@code kind} and its {@code spec}. */
record SpecDocument(SpecKind kind, JsonNode spec) {
    static final String API_VERSION = "v1";

    SpecDocument {
        requireNonNull(kind, "kind is null");
        requireNonNull(spec, "spec is null");
    }
}
