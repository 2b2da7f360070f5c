package dev.kolide.osquery.sdk.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.ExtensionResponse;
import java.util.List;
import java.util.Map;

/**
 * A distributed-query source: osqueryd polls it with {@code getQueries}, runs what it gets and hands back the
 * results with {@code writeResults}.
 */
public final class DistributedPlugin implements Plugin {
    private final String name;
    private final QuerySource queries;
    private final ResultWriter results;
    private final ObjectMapper json = new ObjectMapper();

    /** Hands osqueryd the queries to run now. */
    @FunctionalInterface
    public interface QuerySource {
        DistributedQueries getQueries() throws Exception;
    }

    /** Receives the results of the queries osqueryd ran. */
    @FunctionalInterface
    public interface ResultWriter {
        void writeResults(List<DistributedResult> results) throws Exception;
    }

    public DistributedPlugin(String name, QuerySource queries, ResultWriter results) {
        this.name = requireNonNull(name, "name is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.results = requireNonNull(results, "results is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String registry() {
        return Registries.DISTRIBUTED;
    }

    @Override
    public List<Map<String, String>> routes() {
        return List.of();
    }

    @Override
    public ExtensionResponse call(Map<String, String> request) {
        String action = request.getOrDefault("action", "");
        switch (action) {
            case "getQueries":
                try {
                    DistributedQueries next = queries.getQueries();
                    String body = (next == null ? DistributedQueries.none() : next).toJson(json);
                    return ExtensionResponse.ok(List.of(Map.of("results", body)));
                } catch (Exception e) {
                    return ExtensionResponse.failed("error getting queries: " + TablePlugin.message(e));
                }
            case "writeResults": {
                List<DistributedResult> parsed;
                try {
                    parsed = DistributedResult.parseAll(request.getOrDefault("results", ""), json);
                } catch (IllegalArgumentException e) {
                    return ExtensionResponse.failed("error unmarshalling results: " + e.getMessage());
                }
                try {
                    results.writeResults(parsed);
                    return ExtensionResponse.ok(List.of());
                } catch (Exception e) {
                    return ExtensionResponse.failed("error writing results: " + TablePlugin.message(e));
                }
            }
            default:
                return ExtensionResponse.failed("unknown action: " + action);
        }
    }
}
