package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.numbered;
import static dev.kolide.launcher.store.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.launcher.service.LogKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogBufferTest {
    private static final LogBufferLimits SMALL = new LogBufferLimits(100, 100, 1_000);

    @TempDir
    Path root;

    @Test
    void batchesComeOutInAppendOrderAndLeaveWhenAcknowledged() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            assertThat(logs.nextBatch(LogKind.RESULT)).isEmpty();
            logs.append(LogKind.RESULT, List.of("a", "b"));
            logs.append(LogKind.RESULT, List.of("c"));
            logs.append(LogKind.RESULT, List.of());

            LogBatch batch = logs.nextBatch(LogKind.RESULT).orElseThrow();
            assertThat(batch.logs()).containsExactly("a", "b", "c");
            assertThat(batch.bytes()).isEqualTo(3);
            assertThat(batch.lastSequence() - batch.firstSequence()).isEqualTo(2);
            assertThat(logs.nextBatch(LogKind.RESULT)).contains(batch);
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(3);

            logs.acknowledge(batch);
            assertThat(logs.count(LogKind.RESULT)).isZero();
            assertThat(logs.nextBatch(LogKind.RESULT)).isEmpty();
        }
    }

    /** Sizes like {@code 60x3} mean three logs of 60 bytes; batches hold at most 100 bytes. */
    @ParameterizedTest(name = "{0} -> {1} batches")
    @CsvSource({
        "1x1,         1",
        "10x10,       1",
        "50x2,        1",
        "50x3,        2",
        "100x1 1x1,   2",
        "1x1 100x1,   2",
        "60x3,        3",
        "99x1 2x1,    2",
        "1x250,       3",
        "100x5,       5",
        "34x6,        3",
    })
    void batchesHoldAtMostTheByteLimit(String sizes, int expectedBatches) {
        List<String> appended = logsOfSizes(sizes);
        try (LauncherStore store = open(root, SMALL)) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.STATUS, appended);
            List<String> drained = new ArrayList<>();
            int batches = 0;
            for (Optional<LogBatch> batch = logs.nextBatch(LogKind.STATUS); batch.isPresent();
                    batch = logs.nextBatch(LogKind.STATUS)) {
                assertThat(batch.get().bytes()).isLessThanOrEqualTo(100)
                        .isEqualTo(batch.get().logs().stream().mapToLong(String::length).sum());
                drained.addAll(batch.get().logs());
                logs.acknowledge(batch.get());
                batches++;
            }
            assertThat(batches).isEqualTo(expectedBatches);
            assertThat(drained).isEqualTo(appended);
        }
    }

    @Test
    void sizesAreUtf8Bytes() {
        try (LauncherStore store = open(root, SMALL)) {
            // 50 two-byte characters: exactly 100 bytes, so it fits; one more character does not
            store.logs().append(LogKind.RESULT, List.of("é".repeat(50), "é".repeat(51)));
            LogBatch batch = store.logs().nextBatch(LogKind.RESULT).orElseThrow();
            assertThat(batch.logs()).containsExactly("é".repeat(50));
            assertThat(batch.bytes()).isEqualTo(100);
        }
    }

    @Test
    void anOversizedLogIsDroppedWithAWarning() {
        try (LauncherStore store = open(root, SMALL); CapturedLogs captured = new CapturedLogs()) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.RESULT, List.of("before", "x".repeat(101), "after"));

            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly("before", "after");
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(2);
            assertThat(logs.dropped(LogKind.RESULT)).isEqualTo(1);
            assertThat(captured.warnings()).singleElement().asString()
                    .contains("result log of 101 bytes")
                    .contains("100-byte limit");
        }
    }

    @Test
    void overTheCapTheOldestAreDroppedAndCounted() {
        LogBufferLimits capFive = new LogBufferLimits(1_000, 100, 5);
        try (LauncherStore store = open(root, capFive); CapturedLogs captured = new CapturedLogs()) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.RESULT, numbered("r", 8));
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(5);
            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs())
                    .containsExactly("r-3", "r-4", "r-5", "r-6", "r-7");

            logs.append(LogKind.RESULT, List.of("s-0", "s-1"));
            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs())
                    .containsExactly("r-5", "r-6", "r-7", "s-0", "s-1");
            assertThat(logs.dropped(LogKind.RESULT)).isEqualTo(5);
            assertThat(captured.warnings()).containsExactly(
                    "dropped the 3 oldest result logs: over the buffer cap of 5 (3 result logs dropped since start)",
                    "dropped the 2 oldest result logs: over the buffer cap of 5 (5 result logs dropped since start)");
        }
    }

    @Test
    void theCapHoldsAcrossReopening() {
        LogBufferLimits capFive = new LogBufferLimits(1_000, 100, 5);
        try (LauncherStore store = open(root, capFive)) {
            store.logs().append(LogKind.STATUS, numbered("s", 4));
        }
        try (LauncherStore store = open(root, capFive)) {
            assertThat(store.logs().count(LogKind.STATUS)).isEqualTo(4);
            store.logs().append(LogKind.STATUS, List.of("t-0", "t-1"));
            assertThat(store.logs().nextBatch(LogKind.STATUS).orElseThrow().logs())
                    .containsExactly("s-1", "s-2", "s-3", "t-0", "t-1");
        }
    }

    @Test
    void acknowledgingKeepsLogsAppendedAfterTheBatchWasRead() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.RESULT, numbered("old", 3));
            LogBatch batch = logs.nextBatch(LogKind.RESULT).orElseThrow();
            logs.append(LogKind.RESULT, numbered("new", 2));

            logs.acknowledge(batch);
            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly("new-0", "new-1");
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(2);
        }
    }

    @Test
    void acknowledgingABatchTwiceDeletesNothingNewer() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.RESULT, numbered("a", 3));
            LogBatch batch = logs.nextBatch(LogKind.RESULT).orElseThrow();
            logs.acknowledge(batch);
            logs.append(LogKind.RESULT, numbered("b", 3));

            logs.acknowledge(batch);
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(3);
            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly("b-0", "b-1", "b-2");
        }
    }

    @Test
    void kindsAreIndependent() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            logs.append(LogKind.RESULT, numbered("r", 2));
            logs.append(LogKind.STATUS, numbered("s", 3));
            logs.append(LogKind.RESULT, numbered("q", 1));

            assertThat(logs.nextBatch(LogKind.AGENT)).isEmpty();
            LogBatch status = logs.nextBatch(LogKind.STATUS).orElseThrow();
            assertThat(status.logs()).containsExactly("s-0", "s-1", "s-2");
            logs.acknowledge(status);

            assertThat(logs.count(LogKind.STATUS)).isZero();
            assertThat(logs.count(LogKind.RESULT)).isEqualTo(3);
            assertThat(logs.nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly("r-0", "r-1", "q-0");
        }
    }

    @Test
    void unsentLogsSurviveReopening() {
        List<String> fiveLogs = List.of("a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60), "e".repeat(60));
        try (LauncherStore store = open(root, SMALL)) {
            store.logs().append(LogKind.RESULT, fiveLogs);
            store.logs().acknowledge(store.logs().nextBatch(LogKind.RESULT).orElseThrow());
        }
        try (LauncherStore store = open(root, SMALL)) {
            assertThat(store.logs().count(LogKind.RESULT)).isEqualTo(4);
            assertThat(store.logs().nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly(fiveLogs.get(1));
        }
    }

    @Test
    void aStoredLogLargerThanTodaysBatchLimitStillLeavesAlone() {
        try (LauncherStore store = open(root)) {
            store.logs().append(LogKind.RESULT, List.of("x".repeat(500), "y"));
        }
        try (LauncherStore store = open(root, SMALL)) {
            LogBatch batch = store.logs().nextBatch(LogKind.RESULT).orElseThrow();
            assertThat(batch.logs()).containsExactly("x".repeat(500));
            store.logs().acknowledge(batch);
            assertThat(store.logs().nextBatch(LogKind.RESULT).orElseThrow().logs()).containsExactly("y");
        }
    }

    /** "60x3 1x2" is three logs of 60 bytes then two of 1 byte, each distinct. */
    private static List<String> logsOfSizes(String sizes) {
        List<String> logs = new ArrayList<>();
        for (String group : sizes.trim().split("\\s+")) {
            int[] sizeAndCount = Arrays.stream(group.split("x")).mapToInt(Integer::parseInt).toArray();
            for (int i = 0; i < sizeAndCount[1]; i++) {
                logs.add(Character.toString('a' + logs.size() % 26).repeat(sizeAndCount[0]));
            }
        }
        return logs;
    }
}
