package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * osquery's {@code tls} distributed plugin. {@code getQueries}: POST {@code {"node_key"}} to
 * {@code --distributed_tls_read_endpoint}, whose answer ({@code queries}, {@code discovery}, {@code accelerate})
 * goes to the engine as is. {@code writeResults}: POST the engine's {@code queries}, {@code statuses},
 * {@code messages}, {@code stats} with the node key to {@code --distributed_tls_write_endpoint}. Each tried
 * {@code --distributed_tls_max_attempts} times.
 *
 * <p>A failed query's rows go out as {@code []}, not osquery's old {@code ""}: fleet here wants an array.
 */
final class TlsDistributedPlugin implements Plugin {
    private final TlsOptions options;
    private final TlsNodeApi api;
    private final ObjectMapper json;

    TlsDistributedPlugin(TlsOptions options, TlsNodeApi api, ObjectMapper json) {
        this.options = requireNonNull(options, "options is null");
        this.api = requireNonNull(api, "api is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    public String name() {
        return TlsPlugins.NAME;
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
        try {
            return switch (action) {
                case "getQueries" -> getQueries();
                case "writeResults" -> writeResults(request.getOrDefault("results", ""));
                default -> ExtensionResponse.failed("unknown action: " + action);
            };
        } catch (TlsException e) {
            return ExtensionResponse.failed(("getQueries".equals(action) ? "error getting queries: "
                    : "error writing results: ") + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExtensionResponse.failed("interrupted (stopping)");
        }
    }

    private ExtensionResponse getQueries() throws TlsException, InterruptedException {
        ObjectNode answer = (ObjectNode) api.post(options.distributedReadEndpoint(), json.createObjectNode(),
                options.distributedMaxAttempts(), options.requestTimeout()).deepCopy();
        answer.remove("node_invalid");
        return ExtensionResponse.ok(List.of(Map.of("results", answer.toString())));
    }

    private ExtensionResponse writeResults(String results) throws TlsException, InterruptedException {
        JsonNode parsed;
        try {
            parsed = json.readTree(results);
        } catch (IOException e) {
            return ExtensionResponse.failed("error unmarshalling results: " + e.getMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            return ExtensionResponse.failed("error unmarshalling results: not a JSON object");
        }
        ObjectNode body = (ObjectNode) parsed;
        JsonNode queries = body.path("queries");
        if (queries.isObject()) {
            ObjectNode rows = (ObjectNode) queries;
            List<String> names = new ArrayList<>();
            rows.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!rows.get(name).isArray()) {
                    rows.putArray(name);
                }
            }
        }
        api.post(options.distributedWriteEndpoint(), body, options.distributedMaxAttempts(),
                options.requestTimeout());
        return ExtensionResponse.ok(List.of());
    }
}
