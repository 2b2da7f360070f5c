package dev.kolide.launcher.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.testing.MutableClock;
import dev.kolide.launcher.enroll.NodeKeys;
import dev.kolide.launcher.enroll.ScriptedServer;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.store.LauncherStore;
import dev.kolide.launcher.store.LogBufferLimits;
import dev.kolide.osquery.sdk.plugin.DistributedResult;
import dev.kolide.osquery.sdk.plugin.LogType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kolide_grpc plugins' sources over a real launcher.db and a scripted server. */
class ExtensionSourcesTest {
    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
    private final ScriptedServer server = new ScriptedServer();
    private LauncherStore store;
    private NodeKeys nodeKeys;

    @BeforeEach
    void open() {
        store = LauncherStore.open(root, new LogBufferLimits(1024, 1024, 1000), clock);
        nodeKeys = new NodeKeys(server, store, () -> "secret",
                () -> new EnrollmentDetails("", "", "", "h", "", "", "", "", "", "", "", "", "", ""), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void configComesFromTheServerAndIsCached() {
        server.config("{\"options\":{\"a\":1}}");
        ConfigSource config = new ConfigSource(server, nodeKeys, store);
        assertThat(config.generate()).isEqualTo(Map.of("config", "{\"options\":{\"a\":1}}"));
        assertThat(store.get(ConfigSource.KEY)).contains("{\"options\":{\"a\":1}}");

        server.down(true);
        assertThat(config.generate()).isEqualTo(Map.of("config", "{\"options\":{\"a\":1}}"));
    }

    @Test
    void noConfigAndNoServerIsAnError() {
        server.down(true);
        assertThatThrownBy(() -> new ConfigSource(server, nodeKeys, store).generate())
                .isInstanceOf(ConfigUnavailableException.class).hasMessageContaining("no cached config");
    }

    @ParameterizedTest
    @CsvSource({"STRING, RESULT", "SNAPSHOT, RESULT", "STATUS, STATUS"})
    void logsAreBufferedByKind(LogType type, LogKind kind) {
        new LogSink(store.logs()).write(type, "{\"n\":1}");
        assertThat(store.logs().count(kind)).isEqualTo(1);
    }

    @Test
    void initIsIgnoredAndHealthRefused() {
        LogSink sink = new LogSink(store.logs());
        sink.write(LogType.INIT, "osqueryd");
        assertThatThrownBy(() -> sink.write(LogType.HEALTH, "{}")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(store.logs().count(LogKind.RESULT) + store.logs().count(LogKind.STATUS)).isZero();
    }

    @Test
    void logsWaitForTheServerAndThenAllArriveInOrder() {
        LogSink sink = new LogSink(store.logs());
        LogPublisher publisher = new LogPublisher(server, nodeKeys, store.logs());
        server.down(true);
        IntStream.range(0, 100).forEach(i -> sink.write(LogType.STRING, resultLog(i)));
        IntStream.range(0, 10).forEach(i -> sink.write(LogType.STATUS, "{\"s\":" + i + "}"));

        assertThat(publisher.flush()).isZero();
        assertThat(store.logs().count(LogKind.RESULT)).isEqualTo(100);

        server.down(false);
        clock.advance(Duration.ofMinutes(10));
        assertThat(publisher.flush()).isEqualTo(110);
        assertThat(server.resultLogs).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(ExtensionSourcesTest::resultLog).toList());
        assertThat(server.statusLogs).hasSize(10);
        assertThat(server.publishCalls.get()).as("100 B logs in 1 KiB batches").isGreaterThanOrEqualTo(10);
        assertThat(store.logs().count(LogKind.RESULT)).isZero();
    }

    /** About 100 bytes, so 100 of them need at least ten 1 KiB batches. */
    private static String resultLog(int i) {
        return "{\"i\":" + i + ",\"pad\":\"" + "x".repeat(80) + "\"}";
    }

    @Test
    void publishingSurvivesADeletedHost() {
        LogSink sink = new LogSink(store.logs());
        LogPublisher publisher = new LogPublisher(server, nodeKeys, store.logs());
        nodeKeys.nodeKey();
        server.revokeAll();
        sink.write(LogType.SNAPSHOT, "{}");
        assertThat(publisher.flush()).isEqualTo(1);
        assertThat(server.enrollments).hasSize(2);
    }

    @Test
    void distributedQueriesAndResultsGoThroughTheServer() {
        server.queries(List.of(new DistributedQuery("kolide_distributed_query_7", "select 1")));
        DistributedSource distributed = new DistributedSource(server, nodeKeys);
        assertThat(distributed.queries().queries()).containsExactly(Map.entry("kolide_distributed_query_7", "select 1"));

        distributed.write(List.of(DistributedResult.ok("kolide_distributed_query_7", List.of(Map.of("1", "1"))),
                DistributedResult.failed("q2", "no such table")));
        assertThat(server.results).hasSize(2);
        assertThat(server.results.get(0).rows()).containsExactly(Map.of("1", "1"));
        assertThat(server.results.get(1).status()).isNotZero();
    }
}
