package dev.kolide.fleet.datastore.mysql;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.DatastoreException;
import dev.kolide.fleet.datastore.OsqueryOptionsStore;
import dev.kolide.fleet.domain.OsqueryOptions;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link OsqueryOptionsStore} in SQL: one row for the default, one per platform override. */
final class MysqlOsqueryOptionsStore implements OsqueryOptionsStore {
    private static final String DEFAULT = "default";
    private static final String PLATFORM = "platform";

    private final Db db;

    MysqlOsqueryOptionsStore(Db db) {
        this.db = requireNonNull(db, "db is null");
    }

    @Override
    public OsqueryOptions get() {
        return db.call("reading the osquery options", h -> {
            String[] defaultConfig = {null};
            Map<String, String> platforms = new TreeMap<>();
            h.createQuery("SELECT override_type, override_identifier, options FROM osquery_options ORDER BY id")
                    .map((rs, ctx) -> new String[] {
                            rs.getString("override_type"), rs.getString("override_identifier"), rs.getString("options")})
                    .forEach(row -> {
                        if (DEFAULT.equals(row[0])) {
                            defaultConfig[0] = row[2];
                        } else {
                            platforms.put(row[1], row[2]);
                        }
                    });
            if (defaultConfig[0] == null) {
                throw new DatastoreException("the default osquery options are missing: run `fleet prepare db`"
                        + " or apply an options spec");
            }
            return new OsqueryOptions(defaultConfig[0], platforms);
        });
    }

    @Override
    public void replace(OsqueryOptions options) {
        requireNonNull(options, "options is null");
        db.transaction("replacing the osquery options", h -> {
            h.createUpdate("DELETE FROM osquery_options").execute();
            PreparedBatch batch = h.prepareBatch("INSERT INTO osquery_options"
                    + " (override_type, override_identifier, options) VALUES (:type, :identifier, :options)");
            batch.bind("type", DEFAULT).bind("identifier", "").bind("options", options.defaultConfig()).add();
            options.platformConfigs().forEach((platform, config) ->
                    batch.bind("type", PLATFORM).bind("identifier", platform).bind("options", config).add());
            batch.execute();
            return null;
        });
    }
}
