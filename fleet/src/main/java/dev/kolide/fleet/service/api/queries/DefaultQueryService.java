package dev.kolide.fleet.service.api.queries;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link QueryService} over the query, pack and user stores. */
public final class DefaultQueryService implements QueryService {

    /** The queries.name column. */
    static final int MAX_NAME = 255;

    private final Datastore datastore;

    public DefaultQueryService(Datastore datastore) {
        this.datastore = requireNonNull(datastore, "datastore is null");
    }

    @Override
    public List<QueryDetails> list(Viewer viewer, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        List<Query> queries = page.list(datastore.queries()::listSaved);
        // Packs and users are few; two lookups for the whole page rather than two per query.
        Map<String, List<Pack>> packs = packsByQueryName();
        Map<Long, String> authors = new HashMap<>();
        for (User user : datastore.users().list(ListOptions.all())) {
            authors.put(user.id(), user.name().isEmpty() ? user.username() : user.name());
        }
        List<QueryDetails> details = new ArrayList<>(queries.size());
        for (Query query : queries) {
            String author = query.authorId() == null ? "" : authors.getOrDefault(query.authorId(), "");
            details.add(new QueryDetails(query, author, packs.getOrDefault(query.name(), List.of())));
        }
        return details;
    }

    @Override
    public QueryDetails get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return details(find(id));
    }

    @Override
    public QueryDetails create(Viewer viewer, QueryInput input) {
        Access.requireAdmin(viewer);
        requireNonNull(input, "input is null");
        check(new Problems(), "", input, true).throwIfAny();
        Query query = datastore.queries().create(new NewQuery(input.name().strip(), orEmpty(input.description()),
                input.query(), true, viewer.userId()));
        return details(query);
    }

    @Override
    public QueryDetails modify(Viewer viewer, long id, QueryInput changes) {
        Access.requireAdmin(viewer);
        requireNonNull(changes, "changes is null");
        check(new Problems(), "", changes, false).throwIfAny();
        Query current = find(id);
        Query updated = datastore.queries().update(id, new NewQuery(
                changes.name() == null ? current.name() : changes.name().strip(),
                changes.description() == null ? current.description() : changes.description(),
                changes.query() == null ? current.query() : changes.query(),
                current.saved(), current.authorId()));
        return details(updated);
    }

    @Override
    public void deleteByName(Viewer viewer, String name) {
        Access.requireAdmin(viewer);
        datastore.queries().deleteByName(requireNonNull(name, "name is null"));
    }

    @Override
    public void delete(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        datastore.queries().delete(id);
    }

    @Override
    public int deleteAll(Viewer viewer, List<Long> ids) {
        Access.requireAdmin(viewer);
        new Problems().requireNoNulls("ids", requireNonNull(ids, "ids is null")).throwIfAny();
        return datastore.queries().deleteAll(ids);
    }

    @Override
    public void applySpecs(Viewer viewer, List<QueryInput> specs) {
        Access.requireAdmin(viewer);
        requireNonNull(specs, "specs is null");
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            QueryInput spec = specs.get(i);
            String prefix = "specs[" + i + "].";
            if (spec == null) {
                problems.add("specs[" + i + "]", "cannot be null");
                continue;
            }
            check(problems, prefix, spec, true);
            if (spec.name() != null && !names.add(spec.name().strip())) {
                problems.add(prefix + "name", "appears twice in the specs");
            }
        }
        problems.throwIfAny();
        for (QueryInput spec : specs) {
            datastore.queries().upsert(new NewQuery(spec.name().strip(), orEmpty(spec.description()), spec.query(),
                    true, viewer.userId()));
        }
    }

    @Override
    public List<QueryInput> specs(Viewer viewer) {
        Access.requireActive(viewer);
        return datastore.queries().listSaved(ListOptions.all()).stream().map(DefaultQueryService::spec).toList();
    }

    @Override
    public QueryInput spec(Viewer viewer, String name) {
        Access.requireActive(viewer);
        requireNonNull(name, "name is null");
        Query query = datastore.queries().findByName(name)
                .filter(Query::saved)
                .orElseThrow(() -> NotFoundException.of("query", name));
        return spec(query);
    }

    private static QueryInput spec(Query query) {
        return new QueryInput(query.name(), query.description(), query.query());
    }

    private QueryDetails details(Query query) {
        String author = "";
        if (query.authorId() != null) {
            author = datastore.users().find(query.authorId())
                    .map(u -> u.name().isEmpty() ? u.username() : u.name())
                    .orElse("");
        }
        return new QueryDetails(query, author, packsByQueryName().getOrDefault(query.name(), List.of()));
    }

    /** Query name → the packs that schedule it, each once, by pack id. */
    private Map<String, List<Pack>> packsByQueryName() {
        Map<String, List<Pack>> byName = new HashMap<>();
        for (Pack pack : datastore.packs().list(ListOptions.all())) {
            Set<String> seen = new HashSet<>();
            for (ScheduledQuery scheduled : datastore.scheduledQueries().listInPack(pack.id())) {
                if (seen.add(scheduled.queryName())) {
                    byName.computeIfAbsent(scheduled.queryName(), k -> new ArrayList<>()).add(pack);
                }
            }
        }
        return byName;
    }

    private Query find(long id) {
        return datastore.queries().find(id).orElseThrow(() -> NotFoundException.of("query", id));
    }

    /** The problems of a query's fields; with {@code required}, name and query must be given. */
    static Problems check(Problems problems, String prefix, QueryInput input, boolean required) {
        if (required) {
            problems.requireText(prefix + "name", input.name()).requireText(prefix + "query", input.query());
        } else {
            problems.rejectBlank(prefix + "name", input.name()).rejectBlank(prefix + "query", input.query());
        }
        return problems.limitLength(prefix + "name", input.name(), MAX_NAME);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
