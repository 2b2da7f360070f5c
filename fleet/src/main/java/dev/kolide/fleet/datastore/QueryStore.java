package dev.kolide.fleet.datastore;

import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.Query;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Saved queries and the unsaved ones live queries run. Deleting a query deletes its scheduled queries and its
 * campaigns. Names are unique.
 *
 * <p>List order keys: {@code id}, {@code name}, {@code created_at}, {@code updated_at}.
 */
public interface QueryStore {

    Query create(NewQuery query);

    /** Creates the query, or replaces the one with the same name (fleetctl apply). */
    Query upsert(NewQuery query);

    /** Replaces a query's fields; renaming follows through to the scheduled queries that use it. */
    Query update(long id, NewQuery query);

    Optional<Query> find(long id);

    Optional<Query> findByName(String name);

    /** Saved queries only. */
    List<Query> listSaved(ListOptions options);

    void delete(long id);

    void deleteByName(String name);

    /** Deletes these queries; unknown ids are skipped. @return how many were deleted */
    int deleteAll(Collection<Long> ids);
}
