package dev.kolide.fleet.service.api.packs;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.ScheduledQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scheduled queries name their saved query; the REST API shows its id too. */
final class ScheduledQueries {

    private ScheduledQueries() {}

    /** Each scheduled query with its query's id (0 if the query vanished meanwhile); one lookup per query name. */
    static List<ScheduledQueryDetails> withQueryIds(Datastore datastore, List<ScheduledQuery> scheduled) {
        Map<String, Long> ids = new HashMap<>();
        return scheduled.stream()
                .map(s -> new ScheduledQueryDetails(s, ids.computeIfAbsent(s.queryName(), name ->
                        datastore.queries().findByName(name).map(Query::id).orElse(0L))))
                .toList();
    }
}
