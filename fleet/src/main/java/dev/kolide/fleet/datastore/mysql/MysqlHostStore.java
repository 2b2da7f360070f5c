package dev.kolide.fleet.datastore.mysql;

import static dev.kolide.fleet.datastore.mysql.Db.quote;
import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.HostStore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.domain.TargetMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/** {@link HostStore} in SQL. */
final class MysqlHostStore implements HostStore {
    /** Ids bound in one IN (...) list. */
    private static final int IDS_PER_STATEMENT = 500;
    /** Hosts per seen-time UPDATE: 1,000 placeholders, far below every driver's limit (KF #1939). */
    static final int SEEN_BATCH = 500;

    private final Db db;
    private final Clock clock;

    MysqlHostStore(Db db, Clock clock) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Host enroll(String osqueryHostId, String nodeKey, String enrollSecretName) {
        requireNonNull(osqueryHostId, "osqueryHostId is null");
        requireNonNull(nodeKey, "nodeKey is null");
        requireNonNull(enrollSecretName, "enrollSecretName is null");
        if (osqueryHostId.isEmpty()) {
            throw new IllegalArgumentException("osquery host identifier is empty");
        }
        if (nodeKey.isEmpty()) {
            throw new IllegalArgumentException("node key is empty");
        }
        Instant now = clock.instant();
        return db.call("enrolling host " + quote(osqueryHostId), h -> {
            h.createUpdate("""
                    INSERT INTO hosts (created_at, updated_at, osquery_host_id, node_key, enroll_secret_name,
                                       detail_updated_at, label_updated_at, seen_time)
                    VALUES (:now, :now, :osqueryHostId, :nodeKey, :secretName, :never, :never, :now)
                    ON DUPLICATE KEY UPDATE
                        node_key = VALUES(node_key),
                        enroll_secret_name = VALUES(enroll_secret_name),
                        updated_at = VALUES(updated_at),
                        detail_updated_at = VALUES(detail_updated_at),
                        label_updated_at = VALUES(label_updated_at),
                        seen_time = VALUES(seen_time)""")
                    .bind("now", now)
                    .bind("never", Host.NEVER)
                    .bind("osqueryHostId", osqueryHostId)
                    .bind("nodeKey", nodeKey)
                    .bind("secretName", enrollSecretName)
                    .execute();
            return h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h WHERE h.osquery_host_id = :id")
                    .bind("id", osqueryHostId)
                    .map(HostRows::map)
                    .one();
        });
    }

    @Override
    public Optional<Host> findByNodeKey(String nodeKey) {
        requireNonNull(nodeKey, "nodeKey is null");
        return db.call("finding a host by node key", h ->
                h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h WHERE h.node_key = :nodeKey")
                        .bind("nodeKey", nodeKey)
                        .map(HostRows::map)
                        .findOne());
    }

    @Override
    public Optional<Host> find(long id) {
        return db.call("finding host " + id, h -> find(h, id));
    }

    @Override
    public List<Host> findAll(Collection<Long> ids) {
        requireNonNull(ids, "ids is null");
        List<Long> sorted = List.copyOf(new TreeSet<>(ids));
        List<Host> hosts = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += IDS_PER_STATEMENT) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + IDS_PER_STATEMENT));
            hosts.addAll(db.call("finding " + chunk.size() + " hosts", h -> h.createQuery("SELECT "
                            + HostRows.COLUMNS + " FROM hosts h WHERE h.id IN (<ids>) ORDER BY h.id")
                    .bindList("ids", chunk)
                    .map(HostRows::map)
                    .list()));
        }
        return hosts;
    }

    static Optional<Host> find(Handle h, long id) {
        return h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h WHERE h.id = :id")
                .bind("id", id)
                .map(HostRows::map)
                .findOne();
    }

    @Override
    public Optional<Host> findByIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        return db.call("finding host " + quote(identifier), h ->
                h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h"
                                + " WHERE h.osquery_host_id = :identifier OR h.node_key = :identifier"
                                + " OR h.uuid = :identifier OR h.hostname = :identifier"
                                + " ORDER BY h.id LIMIT 1")
                        .bind("identifier", identifier)
                        .map(HostRows::map)
                        .findFirst());
    }

    @Override
    public void saveInventory(long hostId, HostInventory inventory, Instant detailUpdatedAt) {
        requireNonNull(inventory, "inventory is null");
        requireNonNull(detailUpdatedAt, "detailUpdatedAt is null");
        int updated = db.call("saving the inventory of host " + hostId, h -> h.createUpdate("""
                        UPDATE hosts SET
                            updated_at = :now, detail_updated_at = :detailUpdatedAt,
                            hostname = :hostname, uuid = :uuid, platform = :platform, platform_like = :platformLike,
                            osquery_version = :osqueryVersion, os_version = :osVersion, build = :build,
                            code_name = :codeName, uptime = :uptime, physical_memory = :physicalMemory,
                            cpu_type = :cpuType, cpu_subtype = :cpuSubtype, cpu_brand = :cpuBrand,
                            cpu_physical_cores = :cpuPhysicalCores, cpu_logical_cores = :cpuLogicalCores,
                            hardware_vendor = :hardwareVendor, hardware_model = :hardwareModel,
                            hardware_version = :hardwareVersion, hardware_serial = :hardwareSerial,
                            computer_name = :computerName, primary_ip = :primaryIp, primary_mac = :primaryMac
                        WHERE id = :id""")
                .bind("id", hostId)
                .bind("now", clock.instant())
                .bind("detailUpdatedAt", detailUpdatedAt)
                .bind("hostname", inventory.hostname())
                .bind("uuid", inventory.uuid())
                .bind("platform", inventory.platform())
                .bind("platformLike", inventory.platformLike())
                .bind("osqueryVersion", inventory.osqueryVersion())
                .bind("osVersion", inventory.osVersion())
                .bind("build", inventory.build())
                .bind("codeName", inventory.codeName())
                .bind("uptime", inventory.uptime().toNanos())
                .bind("physicalMemory", inventory.physicalMemory())
                .bind("cpuType", inventory.cpuType())
                .bind("cpuSubtype", inventory.cpuSubtype())
                .bind("cpuBrand", inventory.cpuBrand())
                .bind("cpuPhysicalCores", inventory.cpuPhysicalCores())
                .bind("cpuLogicalCores", inventory.cpuLogicalCores())
                .bind("hardwareVendor", inventory.hardwareVendor())
                .bind("hardwareModel", inventory.hardwareModel())
                .bind("hardwareVersion", inventory.hardwareVersion())
                .bind("hardwareSerial", inventory.hardwareSerial())
                .bind("computerName", inventory.computerName())
                .bind("primaryIp", inventory.primaryIp())
                .bind("primaryMac", inventory.primaryMac())
                .execute());
        requireUpdated(updated, hostId);
    }

    @Override
    public void saveIntervals(long hostId, HostIntervals intervals) {
        requireNonNull(intervals, "intervals is null");
        int updated = db.call("saving the intervals of host " + hostId, h -> h.createUpdate("""
                        UPDATE hosts SET updated_at = :now, distributed_interval = :distributedInterval,
                            config_tls_refresh = :configTlsRefresh, logger_tls_period = :loggerTlsPeriod
                        WHERE id = :id""")
                .bind("id", hostId)
                .bind("now", clock.instant())
                .bind("distributedInterval", intervals.distributedInterval())
                .bind("configTlsRefresh", intervals.configTlsRefresh())
                .bind("loggerTlsPeriod", intervals.loggerTlsPeriod())
                .execute());
        requireUpdated(updated, hostId);
    }

    @Override
    public void saveAdditional(long hostId, String additionalJson) {
        int updated = db.call("saving the additional query results of host " + hostId, h -> h.createUpdate(
                        "UPDATE hosts SET updated_at = :now, additional = :additional WHERE id = :id")
                .bind("id", hostId)
                .bind("now", clock.instant())
                .bind("additional", additionalJson)
                .execute());
        requireUpdated(updated, hostId);
    }

    @Override
    public int markSeen(Map<Long, Instant> seenTimes) {
        requireNonNull(seenTimes, "seenTimes is null");
        if (seenTimes.isEmpty()) {
            return 0;
        }
        List<Map.Entry<Long, Instant>> entries = new ArrayList<>(seenTimes.entrySet());
        return db.call("marking " + entries.size() + " hosts seen", h -> {
            int matched = 0;
            for (int from = 0; from < entries.size(); from += SEEN_BATCH) {
                matched += markSeenBatch(h, entries.subList(from, Math.min(from + SEEN_BATCH, entries.size())));
            }
            return matched;
        });
    }

    /**
     * {@code UPDATE hosts SET seen_time = GREATEST(seen_time, CASE id WHEN :id0 THEN :t0 ... END)
     * WHERE id IN (:id0, ...)}: one statement for the whole batch. Only placeholders are generated; values are bound.
     */
    private static int markSeenBatch(Handle h, List<Map.Entry<Long, Instant>> batch) {
        StringBuilder cases = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            cases.append(" WHEN :id").append(i).append(" THEN CAST(:t").append(i).append(" AS DATETIME(6))");
            ids.append(i == 0 ? "" : ", ").append(":id").append(i);
        }
        Update update = h.createUpdate("UPDATE hosts SET seen_time = GREATEST(seen_time, CASE id" + cases
                + " ELSE seen_time END) WHERE id IN (" + ids + ")");
        for (int i = 0; i < batch.size(); i++) {
            Map.Entry<Long, Instant> entry = batch.get(i);
            update.bind("id" + i, requireNonNull(entry.getKey(), "host id is null"))
                    .bind("t" + i, requireNonNull(entry.getValue(), "seen time of host " + entry.getKey() + " is null"));
        }
        return update.execute();
    }

    @Override
    public void setLabelUpdatedAt(long hostId, Instant labelUpdatedAt) {
        requireNonNull(labelUpdatedAt, "labelUpdatedAt is null");
        int updated = db.call("setting the label update time of host " + hostId, h -> h.createUpdate(
                        "UPDATE hosts SET label_updated_at = :at WHERE id = :id")
                .bind("id", hostId)
                .bind("at", labelUpdatedAt)
                .execute());
        requireUpdated(updated, hostId);
    }

    @Override
    public List<Host> list(ListOptions options) {
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, HostRows.ORDER_KEYS, "h.id", "hosts");
        return db.call("listing hosts", h ->
                h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h " + orderBy
                                + " LIMIT :limit OFFSET :offset")
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(HostRows::map)
                        .list());
    }

    @Override
    public List<Host> listByStatus(HostStatus status, Instant now, ListOptions options) {
        requireNonNull(status, "status is null");
        requireNonNull(now, "now is null");
        requireNonNull(options, "options is null");
        String orderBy = Ordering.orderBy(options, HostRows.ORDER_KEYS, "h.id", "hosts");
        return db.call("listing " + status.value() + " hosts", h ->
                HostStatusSql.bind(h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h WHERE "
                                        + HostStatusSql.condition(status) + " " + orderBy
                                        + " LIMIT :limit OFFSET :offset"), now)
                        .bind("limit", options.limit())
                        .bind("offset", options.offset())
                        .map(HostRows::map)
                        .list());
    }

    @Override
    public HostSummary summary(Instant now) {
        requireNonNull(now, "now is null");
        return db.call("counting hosts by status", h ->
                HostStatusSql.bind(h.createQuery(statusCounts("FROM hosts h")), now)
                        .map((rs, ctx) -> new HostSummary(rs.getLong("online"), rs.getLong("offline"),
                                rs.getLong("mia"), rs.getLong("new_hosts"), rs.getLong("total")))
                        .one());
    }

    private static String statusCounts(String from) {
        return "SELECT"
                + " COALESCE(SUM(CASE WHEN " + HostStatusSql.ONLINE + " THEN 1 ELSE 0 END), 0) AS online,"
                + " COALESCE(SUM(CASE WHEN " + HostStatusSql.OFFLINE + " THEN 1 ELSE 0 END), 0) AS offline,"
                + " COALESCE(SUM(CASE WHEN " + HostStatusSql.MIA + " THEN 1 ELSE 0 END), 0) AS mia,"
                + " COALESCE(SUM(CASE WHEN " + HostStatusSql.NEW + " THEN 1 ELSE 0 END), 0) AS new_hosts,"
                + " COUNT(*) AS total " + from;
    }

    @Override
    public void delete(long hostId) {
        int deleted = db.transaction("deleting host " + hostId, h ->
                deleteHostsWhere(h, "id = :id", u -> u.bind("id", hostId)));
        requireUpdated(deleted, hostId);
    }

    @Override
    public int deleteUnseenSince(Instant cutoff) {
        requireNonNull(cutoff, "cutoff is null");
        return db.transaction("deleting hosts not seen since " + cutoff, h ->
                deleteHostsWhere(h, "seen_time < :cutoff", u -> u.bind("cutoff", cutoff)));
    }

    @Override
    public int deleteIncoming(Instant enrolledBefore) {
        requireNonNull(enrolledBefore, "enrolledBefore is null");
        return db.transaction("deleting hosts enrolled before " + enrolledBefore + " without details", h ->
                deleteHostsWhere(h, "hostname = '' AND osquery_version = '' AND created_at < :cutoff",
                        u -> u.bind("cutoff", enrolledBefore)));
    }

    /**
     * Deletes the hosts matching {@code condition} (a constant) and the targets naming them; label memberships
     * go by foreign-key cascade. Three statements, run in the caller's transaction.
     */
    private static int deleteHostsWhere(Handle h, String condition, Consumer<Update> binder) {
        for (String targets : List.of("pack_targets", "distributed_query_campaign_targets")) {
            Update update = h.createUpdate("DELETE FROM " + targets + " WHERE type = 'host' AND target_id IN"
                    + " (SELECT id FROM hosts WHERE " + condition + ")");
            binder.accept(update);
            update.execute();
        }
        Update hosts = h.createUpdate("DELETE FROM hosts WHERE " + condition);
        binder.accept(hosts);
        return hosts.execute();
    }

    @Override
    public List<Host> search(String text, Set<Long> omitIds, int limit) {
        requireNonNull(text, "text is null");
        requireNonNull(omitIds, "omitIds is null");
        if (limit < 1) {
            throw new IllegalArgumentException("search limit must be at least 1, got " + limit);
        }
        String omit = omitIds.isEmpty() ? "" : " AND h.id NOT IN (<omitIds>)";
        return db.call("searching hosts for " + quote(text), h -> {
            var query = h.createQuery("SELECT " + HostRows.COLUMNS + " FROM hosts h WHERE"
                            + " (LOWER(h.hostname) LIKE :pattern ESCAPE '!' OR LOWER(h.uuid) LIKE :pattern ESCAPE '!'"
                            + " OR LOWER(h.computer_name) LIKE :pattern ESCAPE '!'"
                            + " OR LOWER(h.primary_ip) LIKE :pattern ESCAPE '!'"
                            + " OR LOWER(h.primary_mac) LIKE :pattern ESCAPE '!')" + omit
                            + " ORDER BY h.hostname, h.id LIMIT :limit")
                    .bind("pattern", Columns.containsPattern(text))
                    .bind("limit", limit);
            if (!omitIds.isEmpty()) {
                query.bindList("omitIds", List.copyOf(omitIds));
            }
            return query.map(HostRows::map).list();
        });
    }

    @Override
    public List<Long> resolveTargets(Set<Long> hostIds, Set<Long> labelIds) {
        requireNonNull(hostIds, "hostIds is null");
        requireNonNull(labelIds, "labelIds is null");
        if (hostIds.isEmpty() && labelIds.isEmpty()) {
            return List.of();
        }
        return db.call("resolving targets to hosts", h -> {
            var query = h.createQuery("SELECT h.id FROM hosts h WHERE " + targetCondition(hostIds, labelIds)
                    + " ORDER BY h.id");
            bindTargets(query, hostIds, labelIds);
            return query.mapTo(Long.class).list();
        });
    }

    @Override
    public TargetMetrics targetMetrics(Set<Long> hostIds, Set<Long> labelIds, Instant now) {
        requireNonNull(hostIds, "hostIds is null");
        requireNonNull(labelIds, "labelIds is null");
        requireNonNull(now, "now is null");
        if (hostIds.isEmpty() && labelIds.isEmpty()) {
            return new TargetMetrics(0, 0, 0, 0);
        }
        return db.call("counting target hosts by status", h -> {
            var query = HostStatusSql.bind(h.createQuery(
                    statusCounts("FROM hosts h WHERE " + targetCondition(hostIds, labelIds))), now);
            bindTargets(query, hostIds, labelIds);
            return query.map((rs, ctx) -> new TargetMetrics(rs.getLong("total"), rs.getLong("online"),
                            rs.getLong("offline"), rs.getLong("mia")))
                    .one();
        });
    }

    /** Hosts named directly or members of the labels; only the non-empty parts appear (IN () is invalid SQL). */
    private static String targetCondition(Set<Long> hostIds, Set<Long> labelIds) {
        List<String> parts = new ArrayList<>(2);
        if (!hostIds.isEmpty()) {
            parts.add("h.id IN (<hostIds>)");
        }
        if (!labelIds.isEmpty()) {
            parts.add("h.id IN (SELECT lm.host_id FROM label_membership lm WHERE lm.label_id IN (<labelIds>))");
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    private static void bindTargets(Query query, Set<Long> hostIds, Set<Long> labelIds) {
        if (!hostIds.isEmpty()) {
            query.bindList("hostIds", List.copyOf(hostIds));
        }
        if (!labelIds.isEmpty()) {
            query.bindList("labelIds", List.copyOf(labelIds));
        }
    }

    private static void requireUpdated(int rows, long hostId) {
        if (rows == 0) {
            throw NotFoundException.of("host", hostId);
        }
    }
}
