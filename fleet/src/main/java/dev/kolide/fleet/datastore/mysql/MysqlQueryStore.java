package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.QueryStore;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.Query;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link QueryStore} in SQL. */
final class MysqlQueryStore implements QueryStore {
    private static final String COLUMNS =
            "q.id, q.name, q.description, q.query, q.saved, q.author_id, q.created_at, q.updated_at";
    private static final Map<String, String> ORDER_KEYS = Map.of(
            "name", "q.name", "created_at", "q.created_at", "updated_at", "q.updated_at");

    private final Db db;
    private final Clock clock;

    MysqlQueryStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Query create(NewQuery query) {
        requireNonNull(query, "query is null");
        return db.call("creating query " + quote(query.name()), taken(query.name()), h -> {
            long id = h.createUpdate("""
                            INSERT INTO queries (created_at, updated_at, saved, name, description, query, author_id)
                            VALUES (:now, :now, :saved, :name, :description, :query, :authorId)""")
                    .bind("now", clock.instant())
                    .bind("saved", query.saved())
                    .bind("name", query.name())
                    .bind("description", query.description())
                    .bind("query", query.query())
                    .bind("authorId", query.authorId())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Query upsert(NewQuery query) {
        requireNonNull(query, "query is null");
        // name is the only unique key besides id, so the upsert cannot hit another row.
        return db.call("applying query " + quote(query.name()), taken(query.name()), h -> {
            h.createUpdate("""
                            INSERT INTO queries (created_at, updated_at, saved, name, description, query, author_id)
                            VALUES (:now, :now, :saved, :name, :description, :query, :authorId)
                            ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at), saved = VALUES(saved),
                                description = VALUES(description), query = VALUES(query),
                                author_id = VALUES(author_id)""")
                    .bind("now", clock.instant())
                    .bind("saved", query.saved())
                    .bind("name", query.name())
                    .bind("description", query.description())
                    .bind("query", query.query())
                    .bind("authorId", query.authorId())
                    .execute();
            return findByName(h, query.name()).orElseThrow();
        });
    }

    @Override
    public Query update(long id, NewQuery query) {
        requireNonNull(query, "query is null");
        return db.call("updating query " + id, taken(query.name()), h -> {
            int updated = h.createUpdate("""
                            UPDATE queries SET updated_at = :now, saved = :saved, name = :name,
                                description = :description, query = :query, author_id = :authorId
                            WHERE id = :id""")
                    .bind("id", id)
                    .bind("now", clock.instant())
                    .bind("saved", query.saved())
                    .bind("name", query.name())
                    .bind("description", query.description())
                    .bind("query", query.query())
                    .bind("authorId", query.authorId())
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("query", id);
            }
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<Query> find(long id) {
        return db.call("finding query " + id, h -> find(h, id));
    }

    private static Optional<Query> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM queries q WHERE q.id = :id")
                .bind("id", id)
                .map(MysqlQueryStore::map)
                .findOne();
    }

    @Override
    public Optional<Query> findByName(String name) {
        requireNonNull(name, "name is null");
        return db.call("finding query " + quote(name), h -> findByName(h, name));
    }

    private static Optional<Query> findByName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM queries q WHERE q.name = :name")
                .bind("name", name)
                .map(MysqlQueryStore::map)
                .findOne();
    }

    @Override
    public List<Query> listSaved(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "q.id", "queries");
        return db.call("listing saved queries", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM queries q WHERE q.saved = TRUE " + orderBy
                                + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(MysqlQueryStore::map)
                        .list());
    }

    @Override
    public void delete(long id) {
        int deleted = db.call("deleting query " + id, h ->
                h.createUpdate("DELETE FROM queries WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("query", id);
        }
    }

    @Override
    public void deleteByName(String name) {
        requireNonNull(name, "name is null");
        int deleted = db.call("deleting query " + quote(name), h ->
                h.createUpdate("DELETE FROM queries WHERE name = :name").bind("name", name).execute());
        if (deleted == 0) {
            throw NotFoundException.of("query", name);
        }
    }

    @Override
    public int deleteAll(Collection<Long> ids) {
        requireNonNull(ids, "ids is null");
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> unique = List.copyOf(Set.copyOf(ids));
        return db.call("deleting " + unique.size() + " queries", h ->
                h.createUpdate("DELETE FROM queries WHERE id IN (<ids>)").bindList("ids", unique).execute());
    }

    private static Supplier<String> taken(String name) {
        return () -> "query " + quote(name) + " already exists";
    }

    static Query map(ResultSet rs, StatementContext context) throws SQLException {
        return new Query(
                rs.getLong("id"),
                rs.getString("name"),
                Columns.string(rs, "description"),
                Columns.string(rs, "query"),
                rs.getBoolean("saved"),
                Columns.nullableLong(rs, "author_id"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
