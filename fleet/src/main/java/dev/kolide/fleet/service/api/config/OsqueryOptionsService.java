package dev.kolide.fleet.service.api.config;

import dev.kolide.fleet.service.api.Viewer;

/** The osquery options spec ({@code spec/osquery_options}): everyone reads it, admins replace it. */
public interface OsqueryOptionsService {

    OsqueryOptionsSpec get(Viewer viewer);

    /** Replaces the whole spec; the config and every override must be JSON objects. */
    void apply(Viewer viewer, OsqueryOptionsSpec spec);
}
