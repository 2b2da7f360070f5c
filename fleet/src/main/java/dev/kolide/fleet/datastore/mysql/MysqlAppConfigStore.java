package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.datastore.AppConfigStore;
import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.domain.AppConfig;
import java.time.Clock;
import java.util.Map;

/** {@link AppConfigStore} in SQL: the app_configs row with id 1; additional queries as a JSON object. */
final class MysqlAppConfigStore implements AppConfigStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final Db db;
    private final Clock clock;
    private final ObjectMapper json;

    MysqlAppConfigStore(Db db, Clock clock, ObjectMapper json) {
        this.db = requireNonNull(db, "db is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public AppConfig get() {
        return db.call("reading the app config", h ->
                h.createQuery("""
                                SELECT org_name, org_logo_url, server_url, host_expiry_enabled, host_expiry_window_days,
                                       live_query_disabled, additional_queries
                                FROM app_configs WHERE id = 1""")
                        .map((rs, ctx) -> new AppConfig(
                                Columns.string(rs, "org_name"),
                                Columns.string(rs, "org_logo_url"),
                                Columns.string(rs, "server_url"),
                                rs.getBoolean("host_expiry_enabled"),
                                rs.getInt("host_expiry_window_days"),
                                rs.getBoolean("live_query_disabled"),
                                additionalQueries(rs.getString("additional_queries"))))
                        .findOne()
                        .orElseThrow(() -> new DatastoreException(
                                "the app config row is missing: run `fleet prepare db`")));
    }

    @Override
    public void save(AppConfig config) {
        requireNonNull(config, "config is null");
        String additional = config.additionalQueries().isEmpty() ? null : toJson(config.additionalQueries());
        int updated = db.call("saving the app config", h -> h.createUpdate("""
                        UPDATE app_configs SET updated_at = :now, org_name = :orgName, org_logo_url = :orgLogoUrl,
                            server_url = :serverUrl, host_expiry_enabled = :hostExpiryEnabled,
                            host_expiry_window_days = :hostExpiryWindowDays, live_query_disabled = :liveQueryDisabled,
                            additional_queries = :additionalQueries
                        WHERE id = 1""")
                .bind("now", clock.instant())
                .bind("orgName", config.orgName())
                .bind("orgLogoUrl", config.orgLogoUrl())
                .bind("serverUrl", config.serverUrl())
                .bind("hostExpiryEnabled", config.hostExpiryEnabled())
                .bind("hostExpiryWindowDays", config.hostExpiryWindowDays())
                .bind("liveQueryDisabled", config.liveQueryDisabled())
                .bind("additionalQueries", additional)
                .execute());
        if (updated == 0) {
            throw new DatastoreException("the app config row is missing: run `fleet prepare db`");
        }
    }

    private Map<String, String> additionalQueries(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> queries = json.readValue(stored, STRING_MAP);
            return queries == null ? Map.of() : queries;
        } catch (JsonProcessingException e) {
            throw new DatastoreException("reading the app config's additional queries", e);
        }
    }

    private String toJson(Map<String, String> queries) {
        try {
            return json.writeValueAsString(queries);
        } catch (JsonProcessingException e) {
            throw new DatastoreException("writing the app config's additional queries", e);
        }
    }
}
