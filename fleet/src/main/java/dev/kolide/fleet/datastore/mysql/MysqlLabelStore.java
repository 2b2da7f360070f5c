package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.LabelStore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.LabelMembershipType;
import dev.kolide.fleet.domain.LabelType;
import dev.kolide.fleet.domain.NewLabel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link LabelStore} in SQL. */
final class MysqlLabelStore implements LabelStore {
    private static final String COLUMNS = "l.id, l.name, l.description, l.query, l.platform, l.label_type,"
            + " l.label_membership_type, l.created_at, l.updated_at";
    private static final Map<String, String> ORDER_KEYS = Map.of(
            "name", "l.name", "created_at", "l.created_at", "updated_at", "l.updated_at");
    /** Keeps IN lists well below drivers' placeholder limits (KF #1939: "too many placeholders"). */
    private static final int HOSTS_PER_STATEMENT = 500;

    private final Db db;
    private final Clock clock;

    MysqlLabelStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Label create(NewLabel label) {
        requireNonNull(label, "label is null");
        return db.call("creating label " + quote(label.name()), taken(label.name()), h -> insert(h, label));
    }

    @Override
    public Label upsert(NewLabel label) {
        requireNonNull(label, "label is null");
        return db.transaction("applying label " + quote(label.name()), taken(label.name()), h -> {
            Optional<Label> existing = findByName(h, label.name());
            if (existing.isEmpty()) {
                return insert(h, label);
            }
            requireRegular(existing.get(), "changed");
            return update(h, existing.get().id(), label);
        });
    }

    @Override
    public Label update(long id, NewLabel label) {
        requireNonNull(label, "label is null");
        return db.transaction("updating label " + id, taken(label.name()), h -> {
            Label existing = find(h, id).orElseThrow(() -> NotFoundException.of("label", id));
            requireRegular(existing, "changed");
            return update(h, id, label);
        });
    }

    private Label insert(Handle h, NewLabel label) {
        Instant now = clock.instant();
        long id = h.createUpdate("""
                        INSERT INTO labels (created_at, updated_at, name, description, query, platform, label_type,
                                            label_membership_type)
                        VALUES (:now, :now, :name, :description, :query, :platform, :type, :membership)""")
                .bind("now", now)
                .bind("name", label.name())
                .bind("description", label.description())
                .bind("query", label.query())
                .bind("platform", label.platform())
                .bind("type", LabelType.REGULAR.value())
                .bind("membership", label.membershipType().value())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return find(h, id).orElseThrow();
    }

    private Label update(Handle h, long id, NewLabel label) {
        // updated_at moves even when nothing else does: hosts re-run the label at their next check-in.
        h.createUpdate("""
                        UPDATE labels SET updated_at = :now, name = :name, description = :description, query = :query,
                            platform = :platform, label_membership_type = :membership
                        WHERE id = :id""")
                .bind("id", id)
                .bind("now", clock.instant())
                .bind("name", label.name())
                .bind("description", label.description())
                .bind("query", label.query())
                .bind("platform", label.platform())
                .bind("membership", label.membershipType().value())
                .execute();
        return find(h, id).orElseThrow();
    }

    @Override
    public Optional<Label> find(long id) {
        return db.call("finding label " + id, h -> find(h, id));
    }

    private static Optional<Label> find(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM labels l WHERE l.id = :id")
                .bind("id", id)
                .map(MysqlLabelStore::map)
                .findOne();
    }

    @Override
    public Optional<Label> findByName(String name) {
        requireNonNull(name, "name is null");
        return db.call("finding label " + quote(name), h -> findByName(h, name));
    }

    private static Optional<Label> findByName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM labels l WHERE l.name = :name")
                .bind("name", name)
                .map(MysqlLabelStore::map)
                .findOne();
    }

    @Override
    public List<Label> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "l.id", "labels");
        return db.call("listing labels", h ->
                h.createQuery("SELECT " + COLUMNS + " FROM labels l " + orderBy + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(MysqlLabelStore::map)
                        .list());
    }

    @Override
    public void delete(long id) {
        db.transaction("deleting label " + id, h -> {
            delete(h, find(h, id).orElseThrow(() -> NotFoundException.of("label", id)));
            return null;
        });
    }

    @Override
    public void deleteByName(String name) {
        requireNonNull(name, "name is null");
        db.transaction("deleting label " + quote(name), h -> {
            delete(h, findByName(h, name).orElseThrow(() -> NotFoundException.of("label", name)));
            return null;
        });
    }

    private static void delete(Handle h, Label label) {
        requireRegular(label, "deleted");
        for (String targets : List.of("pack_targets", "distributed_query_campaign_targets")) {
            h.createUpdate("DELETE FROM " + targets + " WHERE type = 'label' AND target_id = :id")
                    .bind("id", label.id())
                    .execute();
        }
        // label_membership rows go by foreign-key cascade
        h.createUpdate("DELETE FROM labels WHERE id = :id").bind("id", label.id()).execute();
    }

    @Override
    public Map<Long, String> queriesForHost(Host host, Instant staleBefore) {
        requireNonNull(host, "host is null");
        requireNonNull(staleBefore, "staleBefore is null");
        boolean stale = host.labelUpdatedAt().isBefore(staleBefore);
        String changed = stale ? "" : " AND l.updated_at > :since";
        return db.call("reading the label queries of host " + host.id(), h -> {
            var query = h.createQuery("SELECT l.id, l.query FROM labels l"
                            + " WHERE l.label_membership_type = 'dynamic' AND (l.platform = '' OR l.platform = :platform)"
                            + changed + " ORDER BY l.id")
                    .bind("platform", host.inventory().platform());
            if (!stale) {
                query.bind("since", host.labelUpdatedAt());
            }
            Map<Long, String> queries = new LinkedHashMap<>();
            query.map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("query")))
                    .forEach(e -> queries.put(e.getKey(), e.getValue()));
            return queries;
        });
    }

    @Override
    public void recordResults(long hostId, Map<Long, Boolean> results, Instant updatedAt) {
        requireNonNull(results, "results is null");
        requireNonNull(updatedAt, "updatedAt is null");
        List<Long> members = new ArrayList<>();
        List<Long> nonMembers = new ArrayList<>();
        results.forEach((labelId, member) -> {
            requireNonNull(labelId, "label id is null");
            (Boolean.TRUE.equals(member) ? members : nonMembers).add(labelId);
        });
        db.transaction("recording label results of host " + hostId, h -> {
            if (!members.isEmpty()) {
                // INSERT ... SELECT skips labels (and the host) deleted since the queries went out.
                h.createUpdate("""
                                INSERT INTO label_membership (host_id, label_id, created_at, updated_at)
                                SELECT h.id, l.id, :at, :at FROM hosts h, labels l
                                WHERE h.id = :hostId AND l.id IN (<members>)
                                ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)""")
                        .bind("hostId", hostId)
                        .bind("at", updatedAt)
                        .bindList("members", members)
                        .execute();
            }
            if (!nonMembers.isEmpty()) {
                h.createUpdate("DELETE FROM label_membership WHERE host_id = :hostId AND label_id IN (<nonMembers>)")
                        .bind("hostId", hostId)
                        .bindList("nonMembers", nonMembers)
                        .execute();
            }
            int updated = h.createUpdate("UPDATE hosts SET label_updated_at = :at WHERE id = :hostId")
                    .bind("hostId", hostId)
                    .bind("at", updatedAt)
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("host", hostId);
            }
            return null;
        });
    }

    @Override
    public void setManualMembers(long labelId, Collection<Long> hostIds) {
        requireNonNull(hostIds, "hostIds is null");
        List<Long> ids = List.copyOf(Set.copyOf(hostIds));
        db.transaction("setting the members of label " + labelId, h -> {
            Label label = find(h, labelId).orElseThrow(() -> NotFoundException.of("label", labelId));
            if (label.membershipType() != LabelMembershipType.MANUAL) {
                throw new ConflictException("label " + quote(label.name())
                        + " is dynamic: its members come from its query");
            }
            h.createUpdate("DELETE FROM label_membership WHERE label_id = :labelId").bind("labelId", labelId).execute();
            if (!ids.isEmpty()) {
                h.createUpdate("""
                                INSERT INTO label_membership (host_id, label_id, created_at, updated_at)
                                SELECT h.id, :labelId, :now, :now FROM hosts h WHERE h.id IN (<hostIds>)""")
                        .bind("labelId", labelId)
                        .bind("now", clock.instant())
                        .bindList("hostIds", ids)
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<Label> listForHost(long hostId) {
        return db.call("listing the labels of host " + hostId, h ->
                h.createQuery("SELECT " + COLUMNS + " FROM labels l JOIN label_membership lm ON lm.label_id = l.id"
                                + " WHERE lm.host_id = :hostId ORDER BY l.id")
                        .bind("hostId", hostId)
                        .map(MysqlLabelStore::map)
                        .list());
    }

    @Override
    public Map<Long, List<Label>> listForHosts(Collection<Long> hostIds) {
        requireNonNull(hostIds, "hostIds is null");
        List<Long> ids = List.copyOf(new TreeSet<>(hostIds));
        Map<Long, List<Label>> labels = new LinkedHashMap<>();
        ids.forEach(id -> labels.put(id, new ArrayList<>()));
        for (int from = 0; from < ids.size(); from += HOSTS_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + HOSTS_PER_STATEMENT));
            db.call("listing the labels of " + chunk.size() + " hosts", h ->
                    h.createQuery("SELECT lm.host_id, " + COLUMNS + " FROM labels l"
                                    + " JOIN label_membership lm ON lm.label_id = l.id"
                                    + " WHERE lm.host_id IN (<hostIds>) ORDER BY lm.host_id, l.id")
                            .bindList("hostIds", chunk)
                            .map((rs, ctx) -> Map.entry(rs.getLong("host_id"), map(rs, ctx)))
                            .list())
                    .forEach(e -> labels.get(e.getKey()).add(e.getValue()));
        }
        Map<Long, List<Label>> result = new LinkedHashMap<>();
        labels.forEach((id, list) -> result.put(id, List.copyOf(list)));
        return result;
    }

    @Override
    public List<Long> listHostIds(long labelId) {
        return db.call("listing the host ids of label " + labelId, h ->
                h.createQuery("SELECT host_id FROM label_membership WHERE label_id = :labelId ORDER BY host_id")
                        .bind("labelId", labelId)
                        .mapTo(Long.class)
                        .list());
    }

    @Override
    public List<Host> listHosts(long labelId, ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, HostRows.ORDER_KEYS, "h.id", "hosts");
        return db.call("listing the hosts of label " + labelId, h ->
                h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h"
                                + " JOIN label_membership lm ON lm.host_id = h.id"
                                + " WHERE lm.label_id = :labelId " + orderBy + " LIMIT :limit OFFSET :offset")
                        .bind("labelId", labelId)
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(HostRows::map)
                        .list());
    }

    @Override
    public Map<Long, Long> hostCounts() {
        return db.call("counting the hosts of each label", h -> {
            Map<Long, Long> counts = new LinkedHashMap<>();
            h.createQuery("SELECT label_id, COUNT(*) AS hosts FROM label_membership GROUP BY label_id ORDER BY label_id")
                    .map((rs, ctx) -> Map.entry(rs.getLong("label_id"), rs.getLong("hosts")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    @Override
    public List<Label> search(String text, Set<Long> omitIds, int limit) {
        requireNonNull(text, "text is null");
        requireNonNull(omitIds, "omitIds is null");
        if (limit < 1) {
            throw new IllegalArgumentException("search limit must be at least 1, got " + limit);
        }
        String omit = omitIds.isEmpty() ? "" : " AND l.id NOT IN (<omitIds>)";
        return db.call("searching labels for " + quote(text), h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM labels l WHERE LOWER(l.name) LIKE :pattern ESCAPE '!'"
                            + omit + " ORDER BY l.name, l.id LIMIT :limit")
                    .bind("pattern", Columns.containsPattern(text))
                    .bind("limit", limit);
            if (!omitIds.isEmpty()) {
                query.bindList("omitIds", List.copyOf(omitIds));
            }
            return query.map(MysqlLabelStore::map).list();
        });
    }

    private static void requireRegular(Label label, String verb) {
        if (label.isBuiltin()) {
            throw new ConflictException("label " + quote(label.name()) + " is built in and cannot be " + verb);
        }
    }

    private static Supplier<String> taken(String name) {
        return () -> "label " + quote(name) + " already exists";
    }

    static Label map(ResultSet rs, StatementContext context) throws SQLException {
        return new Label(
                rs.getLong("id"),
                rs.getString("name"),
                Columns.string(rs, "description"),
                Columns.string(rs, "query"),
                Columns.string(rs, "platform"),
                LabelType.fromValue(rs.getString("label_type")),
                LabelMembershipType.fromValue(rs.getString("label_membership_type")),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
