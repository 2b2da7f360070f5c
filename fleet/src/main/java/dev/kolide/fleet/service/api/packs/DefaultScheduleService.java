package dev.kolide.fleet.service.api.packs;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.InvalidInputException;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link ScheduleService} over the scheduled query, pack and query stores. */
public final class DefaultScheduleService implements ScheduleService {

    private final Datastore datastore;

    public DefaultScheduleService(Datastore datastore) {
        this.datastore = requireNonNull(datastore, "datastore is null");
    }

    @Override
    public ScheduledQueryDetails schedule(Viewer viewer, ScheduleInput input) {
        Access.requireAdmin(viewer);
        requireNonNull(input, "input is null");
        Problems problems = new Problems()
                .addIf(input.packId() == null, "pack_id", "cannot be empty")
                .addIf(input.queryId() == null, "query_id", "cannot be empty");
        ScheduleRules.check(problems, "", input.interval(), input.shard(), true);
        problems.throwIfAny();
        requirePack(input.packId());
        Query query = savedQuery(input.queryId());
        ScheduledQuery created = datastore.scheduledQueries().create(new NewScheduledQuery(input.packId(),
                freeName(input.packId(), query.name()), query.name(), "", input.interval(), input.snapshot(), input.removed(),
                input.platform(), input.version(), input.shard()));
        return new ScheduledQueryDetails(created, query.id());
    }

    @Override
    public ScheduledQueryDetails get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return details(find(id));
    }

    @Override
    public ScheduledQueryDetails modify(Viewer viewer, long id, ScheduleInput changes) {
        Access.requireAdmin(viewer);
        requireNonNull(changes, "changes is null");
        Problems problems = new Problems();
        ScheduleRules.check(problems, "", changes.interval(), changes.shard(), false);
        problems.throwIfAny();
        ScheduledQuery current = find(id);
        long packId = current.packId();
        if (changes.packId() != null) {
            requirePack(changes.packId());
            packId = changes.packId();
        }
        String queryName = current.queryName();
        if (changes.queryId() != null) {
            queryName = savedQuery(changes.queryId()).name();
        }
        // The name in the pack follows the query unless it was chosen apart from it.
        String name = current.name().equals(current.queryName()) ? queryName : current.name();
        ScheduledQuery updated = datastore.scheduledQueries().update(id, new NewScheduledQuery(packId, name,
                queryName, current.description(),
                changes.interval() == null ? current.interval() : changes.interval(),
                changes.snapshot() == null ? current.snapshot() : changes.snapshot(),
                changes.removed() == null ? current.removed() : changes.removed(),
                changes.platform() == null ? current.platform() : changes.platform(),
                changes.version() == null ? current.version() : changes.version(),
                changes.shard() == null ? current.shard() : changes.shard()));
        return details(updated);
    }

    @Override
    public void delete(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        datastore.scheduledQueries().delete(id);
    }

    /** The query's name, or with "-1", "-2" ... when the pack already schedules it, as Kolide named repeats. */
    private String freeName(long packId, String queryName) {
        Set<String> taken = datastore.scheduledQueries().listInPack(packId).stream()
                .map(ScheduledQuery::name)
                .collect(Collectors.toSet());
        String name = queryName;
        for (int n = 1; taken.contains(name); n++) {
            name = queryName + "-" + n;
        }
        return name;
    }

    private ScheduledQueryDetails details(ScheduledQuery scheduled) {
        return ScheduledQueries.withQueryIds(datastore, List.of(scheduled)).get(0);
    }

    private void requirePack(long packId) {
        if (datastore.packs().find(packId).isEmpty()) {
            throw InvalidInputException.of("pack_id", "no pack has id " + packId);
        }
    }

    private Query savedQuery(long queryId) {
        return datastore.queries().find(queryId).filter(Query::saved)
                .orElseThrow(() -> InvalidInputException.of("query_id", "no saved query has id " + queryId));
    }

    private ScheduledQuery find(long id) {
        return datastore.scheduledQueries().find(id).orElseThrow(() -> NotFoundException.of("scheduled query", id));
    }
}
