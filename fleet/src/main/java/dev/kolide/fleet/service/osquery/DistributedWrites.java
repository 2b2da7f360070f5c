package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.detail.DetailQueries;
import dev.kolide.fleet.service.osquery.detail.DetailQuery;
import dev.kolide.fleet.service.osquery.detail.HostDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a distributed write (Kolide Fleet's SubmitDistributedQueryResults), routing each answer by its name's
 * prefix:
 * <ul>
 *   <li>detail queries update the inventory and intervals: one UPDATE for the inventory and detail time, one
 *       more only when the intervals changed;</li>
 *   <li>additional queries replace the host's stored results (a JSON object name → rows): one UPDATE;</li>
 *   <li>label queries: any row makes the host a member; memberships and label time in one transaction (at most
 *       three statements);</li>
 *   <li>live queries go to the {@link LiveQuerySource}, whatever their status.</li>
 * </ul>
 * A detail, additional or label query osquery reports as failed (status ≠ 0) is skipped, so what is known is
 * kept; Kolide Fleet took its empty result as "not a member". Unknown names are ignored. A write with nothing but
 * live query answers costs no statement.
 */
final class DistributedWrites {
    private final Logger log = LoggerFactory.getLogger(DistributedWrites.class);
    private final HostStore hosts;
    private final LabelStore labels;
    private final DetailQueries details;
    private final LiveQuerySource liveQueries;
    private final HostAuthCache cache;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration snapshotAge;

    /**
     * @param snapshotAge how old the config snapshot may be (its refresh interval): when label results arrive on
     *     a node that did not hand the queries out, the labels are taken to be as of that long ago, so that a
     *     label changed meanwhile is sent again rather than missed
     */
    DistributedWrites(HostStore hosts, LabelStore labels, DetailQueries details, LiveQuerySource liveQueries,
            HostAuthCache cache, ObjectMapper json, Clock clock, Duration snapshotAge) {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.labels = requireNonNull(labels, "labels is null");
        this.details = requireNonNull(details, "details is null");
        this.liveQueries = requireNonNull(liveQueries, "liveQueries is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.snapshotAge = requireNonNull(snapshotAge, "snapshotAge is null");
    }

    void write(AuthenticatedHost authenticated, DistributedResults results) {
        Host host = authenticated.host();
        HostDetails updated = null;
        Map<String, List<Map<String, String>>> additional = null;
        Map<Long, Boolean> labelResults = new LinkedHashMap<>();
        // A failed live query may come with a status and no rows.
        Set<String> names = new LinkedHashSet<>(results.rows().keySet());
        names.addAll(results.statuses().keySet());
        for (String name : names) {
            List<Map<String, String>> rows = results.rows().getOrDefault(name, List.of());
            int status = results.status(name);
            if (name.startsWith(QueryNames.LIVE)) {
                liveQueries.record(host, name.substring(QueryNames.LIVE.length()), rows, status,
                        results.message(name));
            } else if (status != 0) {
                log.atDebug().addKeyValue("host", host.id()).addKeyValue("query", name)
                        .addKeyValue("status", status).log("osquery reported a failed query; keeping what is known");
            } else if (name.startsWith(QueryNames.DETAIL)) {
                Optional<DetailQuery> detail = details.byName(name.substring(QueryNames.DETAIL.length()));
                if (detail.isPresent()) {
                    if (updated == null) {
                        updated = HostDetails.of(host.inventory(), host.intervals());
                    }
                    detail.get().ingest(rows, updated);
                } else {
                    ignored(host, name);
                }
            } else if (name.startsWith(QueryNames.ADDITIONAL)) {
                if (additional == null) {
                    additional = new TreeMap<>();
                }
                additional.put(name.substring(QueryNames.ADDITIONAL.length()), rows);
            } else if (name.startsWith(QueryNames.LABEL)) {
                Optional<Long> labelId = labelId(name);
                if (labelId.isPresent()) {
                    labelResults.put(labelId.get(), !rows.isEmpty());
                } else {
                    ignored(host, name);
                }
            } else {
                ignored(host, name);
            }
        }
        try {
            store(authenticated, updated, additional, labelResults);
        } catch (NotFoundException e) {
            // Deleted since it authenticated (on another node, or by the clean-up): it must enroll again.
            cache.evict(host.id());
            throw new HostAuthenticationException("host " + host.id() + " no longer exists");
        }
    }

    private void store(AuthenticatedHost authenticated, HostDetails updated,
            Map<String, List<Map<String, String>>> additional, Map<Long, Boolean> labelResults) {
        Host host = authenticated.host();
        Host changed = host;
        Instant now = clock.instant();
        if (updated != null) {
            HostInventory inventory = updated.inventory();
            HostIntervals intervals = updated.intervals();
            hosts.saveInventory(host.id(), inventory, now);
            if (!intervals.equals(host.intervals())) {
                hosts.saveIntervals(host.id(), intervals);
            }
            changed = HostChanges.withDetails(changed, inventory, intervals, now);
        }
        if (additional != null) {
            String additionalJson = toJson(additional);
            hosts.saveAdditional(host.id(), additionalJson);
            changed = HostChanges.withAdditional(changed, additionalJson);
        }
        Set<Long> labelIds = authenticated.labelIds();
        if (!labelResults.isEmpty()) {
            Instant asOf = cache.takeLabelQueriesAsOf(host.id()).orElse(now.minus(snapshotAge));
            labels.recordResults(host.id(), labelResults, asOf);
            changed = HostChanges.withLabelUpdatedAt(changed, asOf);
            Set<Long> members = new HashSet<>(labelIds);
            labelResults.forEach((id, member) -> {
                if (member) {
                    members.add(id);
                } else {
                    members.remove(id);
                }
            });
            labelIds = members;
        }
        if (changed != host || !labelIds.equals(authenticated.labelIds())) {
            AuthenticatedHost written = new AuthenticatedHost(changed, labelIds);
            cache.update(host.id(), cached -> written);
        }
    }

    private static Optional<Long> labelId(String name) {
        try {
            return Optional.of(Long.parseLong(name.substring(QueryNames.LABEL.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void ignored(Host host, String name) {
        log.atDebug().addKeyValue("host", host.id()).addKeyValue("query", name).log("ignoring an unknown query name");
    }

    private String toJson(Map<String, List<Map<String, String>>> additional) {
        try {
            return json.writeValueAsString(additional);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding additional query results as JSON", e);
        }
    }
}
