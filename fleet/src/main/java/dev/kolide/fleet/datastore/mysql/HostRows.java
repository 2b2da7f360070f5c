package dev.kolide.fleet.datastore.mysql;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementContext;

/** The hosts table's columns (aliased {@code h}), row mapper and order keys, shared by the host and label stores. */
final class HostRows {
    private HostRows() {}

    static final String COLUMNS = "h.id, h.created_at, h.updated_at, h.osquery_host_id, h.node_key,"
            + " h.enroll_secret_name, h.detail_updated_at, h.label_updated_at, h.seen_time, h.hostname, h.uuid,"
            + " h.platform, h.platform_like, h.osquery_version, h.os_version, h.build, h.code_name, h.uptime,"
            + " h.physical_memory, h.cpu_type, h.cpu_subtype, h.cpu_brand, h.cpu_physical_cores,"
            + " h.cpu_logical_cores, h.hardware_vendor, h.hardware_model, h.hardware_version, h.hardware_serial,"
            + " h.computer_name, h.primary_ip, h.primary_mac, h.distributed_interval, h.config_tls_refresh,"
            + " h.logger_tls_period, h.additional";

    static final Map<String, String> ORDER_KEYS = Map.ofEntries(
            Map.entry("hostname", "h.hostname"),
            Map.entry("uuid", "h.uuid"),
            Map.entry("platform", "h.platform"),
            Map.entry("os_version", "h.os_version"),
            Map.entry("osquery_version", "h.osquery_version"),
            Map.entry("primary_ip", "h.primary_ip"),
            Map.entry("created_at", "h.created_at"),
            Map.entry("updated_at", "h.updated_at"),
            Map.entry("seen_time", "h.seen_time"),
            Map.entry("detail_updated_at", "h.detail_updated_at"),
            Map.entry("label_updated_at", "h.label_updated_at"));

    static Host map(ResultSet rs, StatementContext context) throws SQLException {
        HostInventory inventory = new HostInventory(
                Columns.string(rs, "hostname"),
                Columns.string(rs, "uuid"),
                Columns.string(rs, "platform"),
                Columns.string(rs, "platform_like"),
                Columns.string(rs, "osquery_version"),
                Columns.string(rs, "os_version"),
                Columns.string(rs, "build"),
                Columns.string(rs, "code_name"),
                Duration.ofNanos(rs.getLong("uptime")),
                rs.getLong("physical_memory"),
                Columns.string(rs, "cpu_type"),
                Columns.string(rs, "cpu_subtype"),
                Columns.string(rs, "cpu_brand"),
                rs.getInt("cpu_physical_cores"),
                rs.getInt("cpu_logical_cores"),
                Columns.string(rs, "hardware_vendor"),
                Columns.string(rs, "hardware_model"),
                Columns.string(rs, "hardware_version"),
                Columns.string(rs, "hardware_serial"),
                Columns.string(rs, "computer_name"),
                Columns.string(rs, "primary_ip"),
                Columns.string(rs, "primary_mac"));
        HostIntervals intervals = new HostIntervals(
                rs.getInt("distributed_interval"), rs.getInt("config_tls_refresh"), rs.getInt("logger_tls_period"));
        return new Host(
                rs.getLong("id"),
                rs.getString("osquery_host_id"),
                rs.getString("node_key"),
                Columns.string(rs, "enroll_secret_name"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"),
                Columns.instant(rs, "detail_updated_at"),
                Columns.instant(rs, "label_updated_at"),
                Columns.instant(rs, "seen_time"),
                inventory,
                intervals,
                rs.getString("additional"));
    }
}
