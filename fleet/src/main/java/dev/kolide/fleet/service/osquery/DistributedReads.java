package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.detail.DetailQueries;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshot;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshots;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a distributed read hands out (Kolide Fleet's GetDistributedQueries), computed from the cached host and
 * the config snapshot without touching the database:
 * <ul>
 *   <li>the detail queries and the app config's additional queries, when the host's details are older than
 *       the detail update interval;</li>
 *   <li>the dynamic label queries of its platform, when its label results are older than the label update
 *       interval or a label changed since. While the details that tell the platform are still outstanding
 *       (just enrolled without host details) labels wait for them: sent now, the platform labels would be left
 *       out until the next interval;</li>
 *   <li>pending live queries, from the {@link LiveQuerySource};</li>
 *   <li>{@code accelerate} {@value #ACCELERATE_SECONDS} while the host has no hostname or platform yet.</li>
 * </ul>
 */
final class DistributedReads {
    static final int ACCELERATE_SECONDS = 10;

    private final ConfigSnapshots snapshots;
    private final DetailQueries details;
    private final LiveQuerySource liveQueries;
    private final HostAuthCache cache;
    private final OsqueryServiceSettings settings;
    private final Clock clock;

    DistributedReads(ConfigSnapshots snapshots, DetailQueries details, LiveQuerySource liveQueries,
            HostAuthCache cache, OsqueryServiceSettings settings, Clock clock) {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.details = requireNonNull(details, "details is null");
        this.liveQueries = requireNonNull(liveQueries, "liveQueries is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    DistributedQueries read(AuthenticatedHost authenticated) {
        Host host = authenticated.host();
        Instant now = clock.instant();
        ConfigSnapshot snapshot = snapshots.current();
        Map<String, String> queries = new TreeMap<>();
        boolean detailsDue = !host.detailUpdatedAt().isAfter(now.minus(settings.detailUpdateInterval()));
        if (detailsDue) {
            details.sqlByName().forEach((name, sql) -> queries.put(QueryNames.DETAIL + name, sql));
            snapshot.additionalQueries().forEach((name, sql) -> queries.put(QueryNames.ADDITIONAL + name, sql));
        }
        boolean platformUnknown = host.inventory().platform().isEmpty();
        if (!(detailsDue && platformUnknown)) {
            Map<Long, String> labels = snapshot.labelQueriesFor(host, now.minus(settings.labelUpdateInterval()));
            if (!labels.isEmpty()) {
                labels.forEach((id, sql) -> queries.put(QueryNames.LABEL + id, sql));
                cache.labelQueriesHandedOut(host.id(), snapshot.loadedAt());
            }
        }
        liveQueries.pendingFor(host).forEach((name, sql) -> queries.put(QueryNames.LIVE + name, sql));
        boolean justEnrolled = host.inventory().hostname().isEmpty() || platformUnknown;
        return new DistributedQueries(queries, justEnrolled ? ACCELERATE_SECONDS : 0);
    }
}
