package dev.kolide.fleet.service.api.queries;

import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Viewer;
import java.util.List;

/**
 * The saved-query library. Everyone reads it; only admins change it. Specs are fleetctl's form
 * ({@code kind: query}): name, description and SQL, applied by name.
 */
public interface QueryService {

    /** Saved queries. */
    List<QueryDetails> list(Viewer viewer, Page page);

    QueryDetails get(Viewer viewer, long id);

    /** A saved query written by the viewer. Name and query are required; names are unique (409). */
    QueryDetails create(Viewer viewer, QueryInput input);

    /** Changes the given fields; a new name follows through to the packs that schedule the query. */
    QueryDetails modify(Viewer viewer, long id, QueryInput changes);

    /** Deletes a query with its scheduled queries and campaigns. */
    void deleteByName(Viewer viewer, String name);

    void delete(Viewer viewer, long id);

    /** Deletes these queries, skipping unknown ids; how many were deleted. */
    int deleteAll(Viewer viewer, List<Long> ids);

    /** Creates or replaces each query by name (the viewer becomes the author). All are checked first. */
    void applySpecs(Viewer viewer, List<QueryInput> specs);

    /** Every saved query as a spec, by id. */
    List<QueryInput> specs(Viewer viewer);

    QueryInput spec(Viewer viewer, String name);
}
