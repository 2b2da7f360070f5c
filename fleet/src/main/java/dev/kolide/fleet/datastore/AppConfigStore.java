package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.AppConfig;

/** The installation's settings: one row, seeded by a migration. */
public interface AppConfigStore {

    AppConfig get();

    void save(AppConfig config);
}
