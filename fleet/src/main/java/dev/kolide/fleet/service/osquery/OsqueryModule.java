package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.config.OsqueryConfig;
import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.cache.SeenTimeBatcher;
import dev.kolide.fleet.service.osquery.maintenance.HostMaintenance;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshots;
import dev.kolide.kit.run.Actor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The osquery side of fleet, built and wired in one place. In {@code fleet serve}:
 *
 * <pre>{@code
 * OsqueryModule osquery = OsqueryModule.create(datastore, logDestinations, LiveQuerySource.none(),
 *         new NodeKeys(config.osquery().nodeKeySize(), random), random, clock,
 *         OsqueryModule.Settings.from(config.osquery()));
 * osquery.actors().forEach(group::add);          // seen times, config snapshots, host clean-up
 * OsqueryRoutes.register(routes, osquery.service());   // transport.http.osquery: the seven /api/v1/osquery routes
 * // the REST side, after deleting a host:  osquery.evictHost(hostId)
 * // and, optionally, after changing packs, labels, options or the app config:  osquery.configSnapshots().reload()
 * }</pre>
 *
 * The order of the actors does not matter: the group interrupts them all and waits for each, and the seen-time
 * actor writes what is pending once more as it stops.
 */
public final class OsqueryModule {
    private final OsqueryService service;
    private final HostAuthCache authCache;
    private final SeenTimeBatcher seenTimes;
    private final ConfigSnapshots configSnapshots;
    private final HostMaintenance maintenance;
    private final Settings settings;

    /**
     * Tuning, with reasons for the defaults at each class: the cache TTL and size ({@link HostAuthCache}), how often
     * check-in times are written ({@link SeenTimeBatcher}), how often the config snapshot is reloaded
     * ({@link ConfigSnapshots}), how often hosts are cleaned up ({@link HostMaintenance}).
     */
    public record Settings(OsqueryServiceSettings service, Duration authCacheTtl, int authCacheMaxEntries,
            Duration seenTimeFlushInterval, Duration snapshotRefreshInterval, Duration maintenanceInterval) {

        public Settings {
            requireNonNull(service, "service is null");
            requireNonNull(authCacheTtl, "authCacheTtl is null");
            requireNonNull(seenTimeFlushInterval, "seenTimeFlushInterval is null");
            requireNonNull(snapshotRefreshInterval, "snapshotRefreshInterval is null");
            requireNonNull(maintenanceInterval, "maintenanceInterval is null");
        }

        public static Settings defaults() {
            return withService(OsqueryServiceSettings.defaults());
        }

        /** The defaults, with the detail and label intervals of {@code config}. */
        public static Settings from(OsqueryConfig config) {
            return withService(OsqueryServiceSettings.from(config));
        }

        private static Settings withService(OsqueryServiceSettings service) {
            return new Settings(service, HostAuthCache.DEFAULT_TTL, HostAuthCache.DEFAULT_MAX_ENTRIES,
                    SeenTimeBatcher.DEFAULT_INTERVAL, ConfigSnapshots.DEFAULT_REFRESH, HostMaintenance.DEFAULT_INTERVAL);
        }
    }

    private OsqueryModule(OsqueryService service, HostAuthCache authCache, SeenTimeBatcher seenTimes,
            ConfigSnapshots configSnapshots, HostMaintenance maintenance, Settings settings) {
        this.service = service;
        this.authCache = authCache;
        this.seenTimes = seenTimes;
        this.configSnapshots = configSnapshots;
        this.maintenance = maintenance;
        this.settings = settings;
    }

    /**
     * @param liveQueries {@link LiveQuerySource#none()} until live queries exist
     * @param random for carve session ids (and, through {@code nodeKeys}, node keys)
     */
    public static OsqueryModule create(Datastore datastore, LogDestinations logDestinations,
            LiveQuerySource liveQueries, NodeKeys nodeKeys, SecureRandom random, Clock clock, Settings settings) {
        requireNonNull(datastore, "datastore is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        HostAuthCache authCache = new HostAuthCache(clock, settings.authCacheTtl(), settings.authCacheMaxEntries());
        SeenTimeBatcher seenTimes = new SeenTimeBatcher(datastore.hosts(), settings.seenTimeFlushInterval());
        ConfigSnapshots snapshots = new ConfigSnapshots(datastore.osqueryOptions(), datastore.appConfig(),
                datastore.labels(), datastore.packs(), new ObjectMapper(), clock);
        HostMaintenance maintenance = new HostMaintenance(datastore.hosts(), datastore.appConfig(), clock);
        OsqueryService service = new OsqueryServiceImpl(datastore, logDestinations, authCache, seenTimes, snapshots,
                liveQueries, nodeKeys, random, clock, settings.service(), settings.snapshotRefreshInterval());
        return new OsqueryModule(service, authCache, seenTimes, snapshots, maintenance, settings);
    }

    public OsqueryService service() {
        return service;
    }

    public HostAuthCache authCache() {
        return authCache;
    }

    public SeenTimeBatcher seenTimes() {
        return seenTimes;
    }

    public ConfigSnapshots configSnapshots() {
        return configSnapshots;
    }

    public HostMaintenance maintenance() {
        return maintenance;
    }

    /** Makes a host deleted on this node unknown at once (its node key answers node_invalid). */
    public void evictHost(long hostId) {
        authCache.evict(hostId);
    }

    /**
     * The actors to add to the server's run group, by name: {@code osquery-seen-times} (flushes check-in times,
     * and once more on stop), {@code osquery-config-snapshots} (reloads the config snapshot),
     * {@code osquery-host-maintenance} (host expiry and incoming-host clean-up). Each call makes new actors for
     * the snapshot and clean-up; call it once.
     */
    public Map<String, Actor> actors() {
        Map<String, Actor> actors = new LinkedHashMap<>();
        actors.put("osquery-seen-times", seenTimes);
        actors.put("osquery-config-snapshots", configSnapshots.refresher(settings.snapshotRefreshInterval()));
        actors.put("osquery-host-maintenance", maintenance.actor(settings.maintenanceInterval()));
        return Collections.unmodifiableMap(actors);
    }
}
