package dev.kolide.osquery.lite.tables;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A table whose rows come from a supplier: for osqueryd-lite's own state (osquery_info and friends). */
public final class SimpleTable implements Table {
    private final String name;
    private final List<ColumnDefinition> columns;
    private final Supplier<List<Map<String, String>>> rows;

    public SimpleTable(String name, List<ColumnDefinition> columns, Supplier<List<Map<String, String>>> rows) {
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.rows = requireNonNull(rows, "rows is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public List<Map<String, String>> generate(QueryContext context) {
        return rows.get();
    }
}
