package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An enrollment's {@code host_details}: the first row of each of osquery's {@code kEnrollHostDetails} tables
 * ({@code os_version}, {@code osquery_info}, {@code system_info}, {@code platform_info}), each a string map. A
 * table the engine lacks (platform_info here) or cannot read is left out, as osquery leaves out empty ones.
 */
final class HostDetails {
    static final List<String> TABLES = List.of("os_version", "osquery_info", "platform_info", "system_info");

    private final Logger log = LoggerFactory.getLogger(HostDetails.class);
    private final TlsPlugins.Sql sql;
    private final ObjectMapper json;

    HostDetails(TlsPlugins.Sql sql, ObjectMapper json) {
        this.sql = requireNonNull(sql, "sql is null");
        this.json = requireNonNull(json, "json is null");
    }

    ObjectNode collect() {
        ObjectNode details = json.createObjectNode();
        for (String table : TABLES) {
            List<Map<String, String>> rows;
            try {
                rows = sql.rows("select * from " + table);
            } catch (Exception e) {
                log.debug("host details: {} left out: {}", table, e.getMessage());
                continue;
            }
            if (!rows.isEmpty()) {
                ObjectNode row = details.putObject(table);
                rows.get(0).forEach((column, value) -> row.put(column, value == null ? "" : value));
            }
        }
        return details;
    }
}
