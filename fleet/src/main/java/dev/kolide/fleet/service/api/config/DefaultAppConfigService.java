package dev.kolide.fleet.service.api.config;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.AppConfigStore;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;
import java.util.Map;

/** {@link AppConfigService} over the app config store. */
public final class DefaultAppConfigService implements AppConfigService {

    private final AppConfigStore store;

    public DefaultAppConfigService(AppConfigStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public AppConfig get(Viewer viewer) {
        Access.requireActive(viewer);
        return store.get();
    }

    @Override
    public AppConfig modify(Viewer viewer, AppConfigChanges changes) {
        Access.requireAdmin(viewer);
        requireNonNull(changes, "changes is null");
        AppConfig current = store.get();
        boolean expiryEnabled = changes.hostExpiryEnabled() == null ? current.hostExpiryEnabled()
                : changes.hostExpiryEnabled();
        int expiryWindow = changes.hostExpiryWindow() == null ? current.hostExpiryWindowDays()
                : changes.hostExpiryWindow();
        Map<String, String> additional = !changes.replaceAdditionalQueries() ? current.additionalQueries()
                : changes.additionalQueries() == null ? Map.of() : changes.additionalQueries();

        Problems problems = new Problems();
        ServerUrls.check(problems, "server_settings.kolide_server_url", changes.serverUrl());
        problems.limitLength("org_info.org_name", changes.orgName(), 255)
                .limitLength("org_info.org_logo_url", changes.orgLogoUrl(), 1024)
                .limitLength("server_settings.kolide_server_url", changes.serverUrl(), 1024)
                .addIf(expiryWindow < 0, "host_expiry_settings.host_expiry_window", "must not be negative")
                .addIf(expiryEnabled && expiryWindow < 1, "host_expiry_settings.host_expiry_window",
                        "must be at least 1 day when host expiry is enabled");
        additional.forEach((name, sql) -> problems
                .addIf(name == null || name.isBlank(), "host_settings.additional_queries", "names cannot be empty")
                .addIf(sql == null || sql.isBlank(), "host_settings.additional_queries." + name,
                        "cannot be empty"));
        problems.throwIfAny();

        AppConfig updated = new AppConfig(
                changes.orgName() == null ? current.orgName() : changes.orgName(),
                changes.orgLogoUrl() == null ? current.orgLogoUrl() : changes.orgLogoUrl(),
                changes.serverUrl() == null ? current.serverUrl() : changes.serverUrl(),
                expiryEnabled, expiryWindow,
                changes.liveQueryDisabled() == null ? current.liveQueryDisabled() : changes.liveQueryDisabled(),
                additional);
        store.save(updated);
        return store.get();
    }
}
