package dev.kolide.osquery.sdk.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The request and response shapes of osquery-go's four plugin kinds. */
class PluginCallsTest {
    private final List<String> logged = new ArrayList<>();
    private final LoggerPlugin logger = new LoggerPlugin("l", (type, text) -> logged.add(type + ":" + text));

    static Stream<Arguments> loggerRequests() {
        return Stream.of(
                Arguments.of(Map.of("string", "{\"name\":\"q\"}"), List.of("STRING:{\"name\":\"q\"}")),
                Arguments.of(Map.of("snapshot", "[1]"), List.of("SNAPSHOT:[1]")),
                Arguments.of(Map.of("health", "h"), List.of("HEALTH:h")),
                Arguments.of(Map.of("init", "osqueryd"), List.of("INIT:osqueryd")),
                Arguments.of(Map.of("status", "true", "log", "[{\"s\":0,\"m\":\"a\"},{\"s\":1,\"m\":\"b\"}]"),
                        List.of("STATUS:{\"s\":0,\"m\":\"a\"}", "STATUS:{\"s\":1,\"m\":\"b\"}")));
    }

    @ParameterizedTest
    @MethodSource("loggerRequests")
    void loggerRequestsReachTheWriterAsOsqueryGoTypesThem(Map<String, String> request, List<String> expected) {
        assertThat(logger.call(request)).isEqualTo(ExtensionResponse.ok(List.of()));
        assertThat(logged).isEqualTo(expected);
    }

    static Stream<Arguments> failingRequests() {
        TablePlugin table = new TablePlugin("t", List.of(ColumnDefinition.text("a")), context -> {
            throw new IllegalStateException("disk on fire");
        });
        ConfigPlugin config = new ConfigPlugin("c", () -> {
            throw new IllegalStateException("no server");
        });
        DistributedPlugin distributed = new DistributedPlugin("d", () -> {
            throw new IllegalStateException("offline");
        }, results -> {
            throw new IllegalStateException("rejected");
        });
        LoggerPlugin logger = new LoggerPlugin("l", (type, text) -> {
            throw new IllegalStateException("full");
        });
        return Stream.of(
                Arguments.of(table, Map.of("action", "generate", "context", "{}"), "error generating table: disk on fire"),
                Arguments.of(table, Map.of("action", "generate", "context", "{not json"), "error parsing context JSON: "),
                Arguments.of(table, Map.of("action", "drop"), "unknown action: drop"),
                Arguments.of(config, Map.of("action", "genConfig"), "error getting config: no server"),
                Arguments.of(config, Map.of(), "unknown action: "),
                Arguments.of(distributed, Map.of("action", "getQueries"), "error getting queries: offline"),
                Arguments.of(distributed, Map.of("action", "writeResults", "results", "{}"),
                        "error writing results: rejected"),
                Arguments.of(distributed, Map.of("action", "writeResults", "results", "]"),
                        "error unmarshalling results: "),
                Arguments.of(logger, Map.of("string", "x"), "error logging: full"),
                Arguments.of(logger, Map.of("status", "true", "log", ""), "got empty status"),
                Arguments.of(logger, Map.of("bogus", "x"), "unknown log request"));
    }

    @ParameterizedTest
    @MethodSource("failingRequests")
    void aFailingPluginAnswersCodeOneWithAMessageInsteadOfThrowing(Plugin plugin, Map<String, String> request,
            String messageStart) {
        ExtensionResponse response = plugin.call(request);
        assertThat(response.status().code()).isEqualTo(1);
        assertThat(response.status().message()).startsWith(messageStart);
        assertThat(response.response()).isEmpty();
    }

    @Test
    void loggerFeaturesAreAnsweredAsTheStatusCode() {
        assertThat(logger.call(Map.of("action", "features")).status())
                .isEqualTo(new ExtensionStatus(LoggerPlugin.FEATURE_LOG_STATUS, "OK", 0));
        assertThat(new LoggerPlugin("quiet", (t, x) -> {}, 0).call(Map.of("action", "features")).status().code())
                .isZero();
    }

    @Test
    void tableColumnsAreItsRoutesAndGenerateGetsTheParsedConstraints() {
        AtomicReference<QueryContext> seen = new AtomicReference<>();
        TablePlugin table = new TablePlugin("files", List.of(ColumnDefinition.text("path"),
                ColumnDefinition.bigint("size")), context -> {
                    seen.set(context);
                    return List.of(Map.of("path", "/a", "size", "1"));
                });

        assertThat(table.call(Map.of("action", "columns")).response()).containsExactly(
                Map.of("id", "column", "name", "path", "type", "TEXT", "op", "0"),
                Map.of("id", "column", "name", "size", "type", "BIGINT", "op", "0"));
        ExtensionResponse rows = table.call(Map.of("action", "generate", "context",
                "{\"constraints\":[{\"name\":\"path\",\"affinity\":\"TEXT\",\"list\":[{\"op\":2,\"expr\":\"/a\"}]},"
                        + "{\"name\":\"size\",\"affinity\":\"BIGINT\",\"list\":\"\"}]}"));

        assertThat(rows.response()).containsExactly(Map.of("path", "/a", "size", "1"));
        assertThat(seen.get().constraintsOn("path").equalities()).containsExactly("/a");
        assertThat(seen.get().constraintsOn("size").constraints()).isEmpty();
    }

    @Test
    void distributedGetQueriesWrapsTheQueriesInAResultsField() throws Exception {
        DistributedPlugin plugin = new DistributedPlugin("d",
                () -> new DistributedQueries(Map.of("q1", "select 1"), Map.of("q1", "select 2"), 30), results -> {});

        ExtensionResponse response = plugin.call(Map.of("action", "getQueries"));

        assertThat(response.response()).hasSize(1);
        assertThat(new ObjectMapper().readTree(response.response().get(0).get("results")))
                .isEqualTo(new ObjectMapper().readTree(
                        "{\"queries\":{\"q1\":\"select 1\"},\"discovery\":{\"q1\":\"select 2\"},\"accelerate\":30}"));
    }

    @Test
    void distributedWriteResultsReadsRowsStatusesAndMessagesInBothStatusSpellings() {
        AtomicReference<List<DistributedResult>> written = new AtomicReference<>();
        DistributedPlugin plugin = new DistributedPlugin("d", DistributedQueries::none, written::set);

        ExtensionResponse response = plugin.call(Map.of("action", "writeResults", "results",
                "{\"queries\":{\"ok\":[{\"a\":\"1\"}],\"bad\":\"\"},\"statuses\":{\"ok\":0,\"bad\":\"1\"},"
                        + "\"messages\":{\"bad\":\"no such table: x\"},\"stats\":{}}"));

        assertThat(response.isOk()).isTrue();
        assertThat(written.get()).containsExactly(
                new DistributedResult("ok", List.of(Map.of("a", "1")), 0, ""),
                new DistributedResult("bad", List.of(), 1, "no such table: x"));
    }
}
