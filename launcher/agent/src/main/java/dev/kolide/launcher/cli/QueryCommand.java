package dev.kolide.launcher.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kolide.kit.flags.FlagException;
import dev.kolide.launcher.runtime.OsqueryInstance;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code launcher query}: runs SQL through a fresh osqueryd (or the one behind {@code --socket}) and prints the rows
 * as JSON. One SQL argument prints its rows; {@code --queries FILE} ({@code {"queries": {"name": "sql"}}}, as
 * Kolide's launcher reads it) prints {@code {"results": {"name": rows}}}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL through a fresh osqueryd (or --socket) and print the rows as JSON.")
final class QueryCommand implements Callable<Integer> {
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The query to run")
    String sql;

    @Option(names = "--queries", paramLabel = "FILE", description = "A JSON file {\"queries\": {\"name\": \"sql\"}}")
    String queriesFile = "";

    @Option(names = "--socket", paramLabel = "PATH", description = "Query the osqueryd behind this extension socket")
    String socket = "";

    @Option(names = "--osqueryd_path", paramLabel = "FILE", description = "The osqueryd binary")
    String osquerydPath = "";

    @Option(names = "--root_directory", paramLabel = "DIR",
            description = "osqueryd's database, pidfile and socket (default: a new temporary directory)")
    String rootDirectory = "";

    @Spec
    CommandSpec spec;

    private final LauncherContext context;

    QueryCommand(LauncherContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> queries = queries();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        if (!socket.isBlank()) {
            try (ExtensionManagerClient client = ExtensionManagerClient.connect(Path.of(socket), Duration.ofSeconds(5))) {
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    ExtensionResponse response = client.query(query.getValue());
                    if (!response.isOk()) {
                        throw new IllegalStateException("query " + query.getKey() + " failed: "
                                + response.status().message());
                    }
                    results.put(query.getKey(), response.response());
                }
            }
        } else {
            OsqueryInstance osquery;
            try {
                osquery = StandaloneOsquery.launch(osquerydPath,
                        rootDirectory.isBlank() ? Optional.empty() : Optional.of(Path.of(rootDirectory)), false,
                        context.buildInfo(), context.env());
            } catch (FlagException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            try {
                if (!osquery.awaitHealthy(STARTUP_TIMEOUT)) {
                    throw new IllegalStateException("osqueryd did not start within " + STARTUP_TIMEOUT.toSeconds()
                            + " s");
                }
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    results.put(query.getKey(), osquery.query(query.getValue()));
                }
            } finally {
                osquery.shutdown();
            }
        }
        Object output = sql != null ? results.values().iterator().next() : Map.of("results", results);
        context.stdout().println(json.writeValueAsString(output));
        context.stdout().flush();
        return 0;
    }

    private Map<String, String> queries() {
        if (sql != null && !queriesFile.isBlank()) {
            throw new ParameterException(spec.commandLine(), "give either SQL or --queries, not both");
        }
        if (sql != null) {
            if (sql.isBlank()) {
                throw new ParameterException(spec.commandLine(), "the query is empty");
            }
            return Map.of("query", sql);
        }
        if (queriesFile.isBlank()) {
            throw new ParameterException(spec.commandLine(), "give a query: launcher query 'select ...' or --queries FILE");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(Path.of(queriesFile), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), "--queries: " + queriesFile + " is not JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--queries: cannot read " + queriesFile + ": " + e, e);
        }
        JsonNode map = root == null ? null : root.get("queries");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--queries: " + queriesFile
                    + " has no \"queries\" object of name → SQL");
        }
        Map<String, String> queries = new LinkedHashMap<>();
        map.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new ParameterException(spec.commandLine(), "--queries: query " + entry.getKey()
                        + " is not a string");
            }
            queries.put(entry.getKey(), entry.getValue().asText());
        });
        return queries;
    }
}
