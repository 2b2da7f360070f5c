package dev.kolide.fleet.datastore.mysql;

import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.ScheduledQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Columns and mappers of packs ({@code p}, read as {@code p_*}) and scheduled queries ({@code sq} joined with
 * their query {@code q}, read as {@code sq_*}); prefixed so that one row can carry both.
 */
final class PackRows {
    private PackRows() {}

    static final String PACK_COLUMNS = "p.id AS p_id, p.name AS p_name, p.description AS p_description,"
            + " p.platform AS p_platform, p.disabled AS p_disabled, p.created_at AS p_created_at,"
            + " p.updated_at AS p_updated_at";

    static final String SCHEDULED_COLUMNS = "sq.id AS sq_id, sq.pack_id AS sq_pack_id, sq.name AS sq_name,"
            + " sq.query_name AS sq_query_name, q.query AS sq_query, sq.description AS sq_description,"
            + " sq.interval_seconds AS sq_interval, sq.snapshot AS sq_snapshot, sq.removed AS sq_removed,"
            + " sq.platform AS sq_platform, sq.version AS sq_version, sq.shard AS sq_shard,"
            + " sq.created_at AS sq_created_at, sq.updated_at AS sq_updated_at";

    static Pack pack(ResultSet rs, StatementContext context) throws SQLException {
        return new Pack(
                rs.getLong("p_id"),
                rs.getString("p_name"),
                Columns.string(rs, "p_description"),
                Columns.string(rs, "p_platform"),
                rs.getBoolean("p_disabled"),
                Columns.instant(rs, "p_created_at"),
                Columns.instant(rs, "p_updated_at"));
    }

    static ScheduledQuery scheduledQuery(ResultSet rs, StatementContext context) throws SQLException {
        return new ScheduledQuery(
                rs.getLong("sq_id"),
                rs.getLong("sq_pack_id"),
                rs.getString("sq_name"),
                rs.getString("sq_query_name"),
                Columns.string(rs, "sq_query"),
                Columns.string(rs, "sq_description"),
                rs.getInt("sq_interval"),
                Columns.nullableBoolean(rs, "sq_snapshot"),
                Columns.nullableBoolean(rs, "sq_removed"),
                rs.getString("sq_platform"),
                rs.getString("sq_version"),
                Columns.nullableInt(rs, "sq_shard"),
                Columns.instant(rs, "sq_created_at"),
                Columns.instant(rs, "sq_updated_at"));
    }
}
