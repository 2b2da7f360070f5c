package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.ScheduledQuery;
import java.util.List;
import java.util.Optional;

/**
 * Queries scheduled in packs. Each refers to a saved query by name; names are unique within a pack.
 * NotFoundException when the pack or the query does not exist; AlreadyExistsException for a name taken in the
 * pack.
 */
public interface ScheduledQueryStore {

    ScheduledQuery create(NewScheduledQuery scheduledQuery);

    /** Replaces a scheduled query's fields (its pack may change too). */
    ScheduledQuery update(long id, NewScheduledQuery scheduledQuery);

    Optional<ScheduledQuery> find(long id);

    /** A pack's scheduled queries, by name. */
    List<ScheduledQuery> listInPack(long packId);

    void delete(long id);

    /**
     * Makes {@code scheduledQueries} the pack's whole schedule in one transaction (fleetctl apply of a pack).
     * Their packId must be {@code packId}.
     */
    List<ScheduledQuery> replaceInPack(long packId, List<NewScheduledQuery> scheduledQueries);
}
