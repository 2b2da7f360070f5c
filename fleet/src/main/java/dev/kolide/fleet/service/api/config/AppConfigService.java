package dev.kolide.fleet.service.api.config;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.service.api.Viewer;

/** The installation's settings ({@code GET/PATCH config}): everyone reads them, admins change them. */
public interface AppConfigService {

    AppConfig get(Viewer viewer);

    /**
     * Changes the given settings. Host expiry needs a window of at least one day when enabled; the server URL
     * must be an http(s) URL; additional queries need names and SQL.
     */
    AppConfig modify(Viewer viewer, AppConfigChanges changes);
}
