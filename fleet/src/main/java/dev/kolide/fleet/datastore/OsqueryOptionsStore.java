package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.OsqueryOptions;

/** The osquery options spec: a default config and per-platform overrides, seeded with Kolide Fleet's defaults. */
public interface OsqueryOptionsStore {

    OsqueryOptions get();

    /** Replaces the whole spec (default and every override) in one transaction. */
    void replace(OsqueryOptions options);
}
