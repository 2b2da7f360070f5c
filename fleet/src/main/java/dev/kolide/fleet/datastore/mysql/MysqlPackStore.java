package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.PackStore;
import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.PackTarget;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.domain.TargetType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** {@link PackStore} in SQL. */
final class MysqlPackStore implements PackStore {
    private static final Map<String, String> ORDER_KEYS = Map.of(
            "name", "p.name", "created_at", "p.created_at", "updated_at", "p.updated_at");

    /**
     * Enabled packs, each with its scheduled queries (LEFT JOIN: a pack without queries still appears, with NULL
     * sq_* columns); {@link #PACKS_FOR_HOST} and {@link #ENABLED_PACKS} add their condition and the order.
     */
    private static final String ENABLED_PACKS_WITH_QUERIES = "SELECT " + PackRows.PACK_COLUMNS + ", "
            + PackRows.SCHEDULED_COLUMNS + """
             FROM packs p
            LEFT JOIN scheduled_queries sq ON sq.pack_id = p.id
            LEFT JOIN queries q ON q.name = sq.query_name
            WHERE p.disabled = FALSE""";

    private static final String PACK_ORDER = " ORDER BY p.name, p.id, sq.name, sq.id";

    /** The enabled packs targeting a host directly or through a label it belongs to, with their queries. */
    private static final String PACKS_FOR_HOST = ENABLED_PACKS_WITH_QUERIES
            + " AND p.id IN ("
            + " SELECT pt.pack_id FROM pack_targets pt WHERE pt.type = 'host' AND pt.target_id = :hostId"
            + " UNION"
            + " SELECT pt.pack_id FROM pack_targets pt JOIN label_membership lm ON lm.label_id = pt.target_id"
            + " WHERE pt.type = 'label' AND lm.host_id = :hostId)" + PACK_ORDER;

    private static final String ENABLED_PACKS = ENABLED_PACKS_WITH_QUERIES + PACK_ORDER;

    private final Db db;
    private final Clock clock;

    MysqlPackStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Pack create(NewPack pack) {
        requireNonNull(pack, "pack is null");
        return db.call("creating pack " + quote(pack.name()), taken(pack.name()), h -> {
            long id = h.createUpdate("""
                            INSERT INTO packs (created_at, updated_at, disabled, name, description, platform)
                            VALUES (:now, :now, :disabled, :name, :description, :platform)""")
                    .bind("now", clock.instant())
                    .bind("disabled", pack.disabled())
                    .bind("name", pack.name())
                    .bind("description", pack.description())
                    .bind("platform", pack.platform())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Pack upsert(NewPack pack) {
        requireNonNull(pack, "pack is null");
        // name is the only unique key besides id, so the upsert cannot hit another row.
        return db.call("applying pack " + quote(pack.name()), taken(pack.name()), h -> {
            h.createUpdate("""
                            INSERT INTO packs (created_at, updated_at, disabled, name, description, platform)
                            VALUES (:now, :now, :disabled, :name, :description, :platform)
                            ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at), disabled = VALUES(disabled),
                                description = VALUES(description), platform = VALUES(platform)""")
                    .bind("now", clock.instant())
                    .bind("disabled", pack.disabled())
                    .bind("name", pack.name())
                    .bind("description", pack.description())
                    .bind("platform", pack.platform())
                    .execute();
            return findByName(h, pack.name()).orElseThrow();
        });
    }

    @Override
    public Pack update(long id, NewPack pack) {
        requireNonNull(pack, "pack is null");
        return db.call("updating pack " + id, taken(pack.name()), h -> {
            int updated = h.createUpdate("""
                            UPDATE packs SET updated_at = :now, disabled = :disabled, name = :name,
                                description = :description, platform = :platform
                            WHERE id = :id""")
                    .bind("id", id)
                    .bind("now", clock.instant())
                    .bind("disabled", pack.disabled())
                    .bind("name", pack.name())
                    .bind("description", pack.description())
                    .bind("platform", pack.platform())
                    .execute();
            if (updated == 0) {
                throw NotFoundException.of("pack", id);
            }
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public Optional<Pack> find(long id) {
        return db.call("finding pack " + id, h -> find(h, id));
    }

    static Optional<Pack> find(Handle h, long id) {
        return h.createQuery("SELECT " + PackRows.PACK_COLUMNS + " FROM packs p WHERE p.id = :id")
                .bind("id", id)
                .map(PackRows::pack)
                .findOne();
    }

    @Override
    public Optional<Pack> findByName(String name) {
        requireNonNull(name, "name is null");
        return db.call("finding pack " + quote(name), h -> findByName(h, name));
    }

    private static Optional<Pack> findByName(Handle h, String name) {
        return h.createQuery("SELECT " + PackRows.PACK_COLUMNS + " FROM packs p WHERE p.name = :name")
                .bind("name", name)
                .map(PackRows::pack)
                .findOne();
    }

    @Override
    public List<Pack> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, ORDER_KEYS, "p.id", "packs");
        return db.call("listing packs", h ->
                h.createQuery("SELECT " + PackRows.PACK_COLUMNS + " FROM packs p " + orderBy
                                + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(PackRows::pack)
                        .list());
    }

    @Override
    public void delete(long id) {
        // targets and scheduled queries go by foreign-key cascade
        int deleted = db.call("deleting pack " + id, h ->
                h.createUpdate("DELETE FROM packs WHERE id = :id").bind("id", id).execute());
        if (deleted == 0) {
            throw NotFoundException.of("pack", id);
        }
    }

    @Override
    public void deleteByName(String name) {
        requireNonNull(name, "name is null");
        int deleted = db.call("deleting pack " + quote(name), h ->
                h.createUpdate("DELETE FROM packs WHERE name = :name").bind("name", name).execute());
        if (deleted == 0) {
            throw NotFoundException.of("pack", name);
        }
    }

    @Override
    public PackTarget addTarget(long packId, TargetType type, long targetId) {
        requireNonNull(type, "type is null");
        return db.transaction("adding " + type.value() + " " + targetId + " to pack " + packId, h -> {
            requirePack(h, packId);
            h.createUpdate("""
                            INSERT INTO pack_targets (pack_id, type, target_id) VALUES (:packId, :type, :targetId)
                            ON DUPLICATE KEY UPDATE target_id = VALUES(target_id)""")
                    .bind("packId", packId)
                    .bind("type", type.value())
                    .bind("targetId", targetId)
                    .execute();
            return h.createQuery("SELECT id, pack_id, type, target_id FROM pack_targets"
                            + " WHERE pack_id = :packId AND type = :type AND target_id = :targetId")
                    .bind("packId", packId)
                    .bind("type", type.value())
                    .bind("targetId", targetId)
                    .map((rs, ctx) -> target(rs))
                    .one();
        });
    }

    @Override
    public void removeTarget(long packId, TargetType type, long targetId) {
        requireNonNull(type, "type is null");
        db.call("removing " + type.value() + " " + targetId + " from pack " + packId, h ->
                h.createUpdate("DELETE FROM pack_targets WHERE pack_id = :packId AND type = :type"
                                + " AND target_id = :targetId")
                        .bind("packId", packId)
                        .bind("type", type.value())
                        .bind("targetId", targetId)
                        .execute());
    }

    @Override
    public List<PackTarget> listTargets(long packId) {
        return db.call("listing the targets of pack " + packId, h ->
                h.createQuery("SELECT id, pack_id, type, target_id FROM pack_targets WHERE pack_id = :packId"
                                + " ORDER BY type DESC, target_id")
                        .bind("packId", packId)
                        .map((rs, ctx) -> target(rs))
                        .list());
    }

    @Override
    public void replaceTargets(long packId, Set<Long> labelIds, Set<Long> hostIds) {
        requireNonNull(labelIds, "labelIds is null");
        requireNonNull(hostIds, "hostIds is null");
        db.transaction("replacing the targets of pack " + packId, h -> {
            requirePack(h, packId);
            h.createUpdate("DELETE FROM pack_targets WHERE pack_id = :packId").bind("packId", packId).execute();
            if (!labelIds.isEmpty() || !hostIds.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(
                        "INSERT INTO pack_targets (pack_id, type, target_id) VALUES (:packId, :type, :targetId)");
                for (long labelId : labelIds) {
                    batch.bind("packId", packId).bind("type", TargetType.LABEL.value()).bind("targetId", labelId).add();
                }
                for (long hostId : hostIds) {
                    batch.bind("packId", packId).bind("type", TargetType.HOST.value()).bind("targetId", hostId).add();
                }
                batch.execute();
            }
            return null;
        });
    }

    @Override
    public List<HostPack> packsForHost(long hostId) {
        return db.call("reading the packs of host " + hostId, h ->
                packsWithQueries(h.createQuery(PACKS_FOR_HOST).bind("hostId", hostId)));
    }

    @Override
    public List<HostPack> listEnabledWithQueries() {
        return db.call("reading every enabled pack", h -> packsWithQueries(h.createQuery(ENABLED_PACKS)));
    }

    @Override
    public List<PackTarget> listAllTargets() {
        return db.call("listing the targets of every pack", h ->
                h.createQuery("SELECT id, pack_id, type, target_id FROM pack_targets"
                                + " ORDER BY pack_id, type DESC, target_id")
                        .map((rs, ctx) -> target(rs))
                        .list());
    }

    /** Groups the rows of a pack-with-queries query into packs, in the query's order. */
    private static List<HostPack> packsWithQueries(Query query) {
        Map<Long, Pack> packs = new LinkedHashMap<>();
        Map<Long, List<ScheduledQuery>> queries = new LinkedHashMap<>();
        query.map((rs, ctx) -> {
                    Pack pack = PackRows.pack(rs, ctx);
                    ScheduledQuery scheduled = Columns.nullableLong(rs, "sq_id") == null
                            ? null : PackRows.scheduledQuery(rs, ctx);
                    return Map.entry(pack, Optional.ofNullable(scheduled));
                })
                .forEach(row -> {
                    Pack pack = row.getKey();
                    packs.putIfAbsent(pack.id(), pack);
                    List<ScheduledQuery> list = queries.computeIfAbsent(pack.id(), id -> new ArrayList<>());
                    row.getValue().ifPresent(list::add);
                });
        List<HostPack> result = new ArrayList<>(packs.size());
        packs.forEach((id, pack) -> result.add(new HostPack(pack, queries.get(id))));
        return result;
    }

    static void requirePack(Handle h, long packId) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM packs WHERE id = :id")
                .bind("id", packId)
                .mapTo(Long.class)
                .one() > 0;
        if (!exists) {
            throw NotFoundException.of("pack", packId);
        }
    }

    private static PackTarget target(ResultSet rs) throws SQLException {
        return new PackTarget(rs.getLong("id"), rs.getLong("pack_id"), TargetType.fromValue(rs.getString("type")),
                rs.getLong("target_id"));
    }

    private static Supplier<String> taken(String name) {
        return () -> "pack " + quote(name) + " already exists";
    }
}
