package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.ExtensionResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table: its columns, and a generator that produces rows for a query's constraints.
 *
 * <pre>{@code
 * TablePlugin table = new TablePlugin("kolide_launcher_identifier",
 *         List.of(ColumnDefinition.text("identifier")),
 *         context -> List.of(Map.of("identifier", store.uuid())));
 * }</pre>
 */
public final class TablePlugin implements Plugin {
    private final String name;
    private final List<ColumnDefinition> columns;
    private final TableGenerator generator;
    private final ObjectMapper json = new ObjectMapper();

    /** Produces a table's rows; every value is text, as osquery passes it. */
    @FunctionalInterface
    public interface TableGenerator {
        List<Map<String, String>> generate(QueryContext context) throws Exception;
    }

    public TablePlugin(String name, List<ColumnDefinition> columns, TableGenerator generator) {
        this.name = requireNonNull(name, "name is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.generator = requireNonNull(generator, "generator is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("table name is blank");
        }
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (ColumnDefinition column : this.columns) {
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("table " + name + " has two columns named " + column.name());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String registry() {
        return Registries.TABLE;
    }

    public List<ColumnDefinition> columns() {
        return columns;
    }

    @Override
    public List<Map<String, String>> routes() {
        List<Map<String, String>> routes = new ArrayList<>(columns.size());
        for (ColumnDefinition column : columns) {
            routes.add(column.toRoute());
        }
        return routes;
    }

    @Override
    public ExtensionResponse call(Map<String, String> request) {
        String action = request.getOrDefault("action", "");
        switch (action) {
            case "columns":
                return ExtensionResponse.ok(routes());
            case "generate": {
                QueryContext context;
                try {
                    context = QueryContext.parse(request.getOrDefault("context", ""), json);
                } catch (IllegalArgumentException e) {
                    return ExtensionResponse.failed("error parsing context JSON: " + e.getMessage());
                }
                try {
                    List<Map<String, String>> rows = generator.generate(context);
                    return ExtensionResponse.ok(rows == null ? List.of() : rows);
                } catch (Exception e) {
                    return ExtensionResponse.failed("error generating table: " + message(e));
                }
            }
            default:
                return ExtensionResponse.failed("unknown action: " + action);
        }
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
