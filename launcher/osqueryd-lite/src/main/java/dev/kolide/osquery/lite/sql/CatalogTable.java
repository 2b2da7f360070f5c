package dev.kolide.osquery.lite.sql;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.QueryContext;
import java.util.List;
import java.util.Map;

/** A table the engine can query: built in, or registered by an extension. */
public record CatalogTable(String name, List<ColumnDefinition> columns, Generator generator) {
    public CatalogTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(generator, "generator is null");
    }

    /** Produces the rows for a query; a failure's message reaches whoever asked. */
    @FunctionalInterface
    public interface Generator {
        List<Map<String, String>> generate(QueryContext context) throws QueryException;
    }
}
