package dev.kolide.osquery.lite.manager;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.lite.sql.CatalogTable;
import dev.kolide.osquery.lite.sql.QueryException;
import dev.kolide.osquery.lite.sql.TableCatalog;
import dev.kolide.osquery.lite.tables.Table;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.ColumnDefinition;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables a query may name: the built-in ones, and those extensions registered, whose rows come from the
 * extension's generate call with the query's constraints. An extension's failure is the query's failure.
 */
public final class RegistryCatalog implements TableCatalog {
    private final Map<String, Table> builtIn = new LinkedHashMap<>();
    private final ExtensionRegistry registry;
    private final ObjectMapper json;

    public RegistryCatalog(List<Table> builtIn, ExtensionRegistry registry, ObjectMapper json) {
        for (Table table : requireNonNull(builtIn, "builtIn is null")) {
            this.builtIn.put(table.name().toLowerCase(Locale.ROOT), table);
        }
        this.registry = requireNonNull(registry, "registry is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public Optional<CatalogTable> find(String name) {
        Table table = builtIn.get(name);
        if (table != null) {
            return Optional.of(new CatalogTable(table.name(), table.columns(), context -> {
                try {
                    return table.generate(context);
                } catch (Exception e) {
                    throw new QueryException("reading table " + table.name() + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
            }));
        }
        for (Map.Entry<String, RegisteredExtension> entry : registry.extensionTables().entrySet()) {
            if (!entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                continue;
            }
            String tableName = entry.getKey();
            List<ColumnDefinition> columns = new ArrayList<>();
            for (Map<String, String> route : entry.getValue().routes().get(Registries.TABLE).get(tableName)) {
                ColumnDefinition column = ColumnDefinition.fromRoute(route);
                if (column != null) {
                    columns.add(column);
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CatalogTable(tableName, columns, context -> {
                ExtensionResponse response = registry.call(Registries.TABLE, tableName,
                        Map.of("action", "generate", "context", context.toJson(json)));
                if (!response.isOk()) {
                    throw new QueryException("table " + tableName + ": " + response.status().message());
                }
                return response.response();
            }));
        }
        return Optional.empty();
    }
}
