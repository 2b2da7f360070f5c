package dev.kolide.osquery.lite.tables;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.List;
import java.util.Map;

/**
 * A table osqueryd-lite answers itself, read from the running system when a query names it. Values are text, as
 * osquery passes them; the SQL engine gives them their column's type affinity.
 */
public interface Table {
    String name();

    List<ColumnDefinition> columns();

    /** Reads the rows now. Constraints may narrow the work; the engine filters the rows again anyway. */
    List<Map<String, String>> generate(QueryContext context) throws Exception;
}
