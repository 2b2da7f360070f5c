package dev.kolide.osquery.lite.manager;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.lite.sql.QueryEngine;
import dev.kolide.osquery.lite.sql.QueryException;
import dev.kolide.osquery.lite.sql.QueryResult;
import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionManager;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OptionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code ExtensionManager} osqueryd-lite serves on its extensions socket: {@code ping} answers
 * {@code {0,"pong"}}, {@code call} routes to a plugin, {@code shutdown} stops osqueryd-lite (as osqueryd does),
 * registration follows {@link ExtensionRegistry}'s rules, {@code query} and {@code getQueryColumns} run on the SQL
 * engine with SQLite's error message as the status message on failure.
 */
public final class ManagerService implements ExtensionManager {
    private final ExtensionRegistry registry;
    private final QueryEngine queries;
    private final Supplier<Map<String, OptionInfo>> flags;
    private final Runnable shutdown;

    public ManagerService(ExtensionRegistry registry, QueryEngine queries, Supplier<Map<String, OptionInfo>> flags,
            Runnable shutdown) {
        this.registry = requireNonNull(registry, "registry is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.flags = requireNonNull(flags, "flags is null");
        this.shutdown = requireNonNull(shutdown, "shutdown is null");
    }

    @Override
    public ExtensionStatus ping() {
        return new ExtensionStatus(ExtensionStatus.SUCCESS, "pong", 0);
    }

    @Override
    public ExtensionResponse call(String registryName, String item, Map<String, String> request) {
        return registry.call(registryName, item, request);
    }

    @Override
    public void shutdown() {
        shutdown.run();
    }

    @Override
    public Map<Long, ExtensionInfo> extensions() {
        return registry.extensionInfos();
    }

    @Override
    public Map<String, OptionInfo> options() {
        return flags.get();
    }

    @Override
    public ExtensionStatus registerExtension(ExtensionInfo info,
            Map<String, Map<String, List<Map<String, String>>>> routes) {
        return registry.register(info, routes);
    }

    @Override
    public ExtensionStatus deregisterExtension(long uuid) {
        return registry.deregister(uuid);
    }

    @Override
    public ExtensionResponse query(String sql) {
        try {
            return ExtensionResponse.ok(queries.query(sql).rows());
        } catch (QueryException e) {
            return ExtensionResponse.failed(e.getMessage());
        }
    }

    @Override
    public ExtensionResponse getQueryColumns(String sql) {
        try {
            QueryResult result = queries.columns(sql);
            List<Map<String, String>> columns = new ArrayList<>();
            for (int i = 0; i < result.columns().size(); i++) {
                Map<String, String> column = new LinkedHashMap<>();
                column.put(result.columns().get(i), result.types().get(i));
                columns.add(column);
            }
            return ExtensionResponse.ok(columns);
        } catch (QueryException e) {
            return ExtensionResponse.failed(e.getMessage());
        }
    }
}
