package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.open;
import static dev.kolide.launcher.store.StoreFixtures.sizeOnDisk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.launcher.service.LogKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** launcher.db gives back the space of a drained backlog (BoltDB never did: kolide/launcher#507). Sizes, not timings. */
class CompactionTest {
    private static final int KIB = 1024;

    @TempDir
    Path root;

    @Test
    void drainingABacklogShrinksTheFileWithoutBeingAsked() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            appendKibLogs(logs, 50 * KIB); // 50 MiB of 1 KiB logs
            long peak = sizeOnDisk(store.path());
            assertThat(peak).isGreaterThan(50L * KIB * KIB);

            int drained = drain(logs);
            assertThat(drained).isEqualTo(50 * KIB);
            // the last acknowledgements free fewer pages than are worth a vacuum: up to Compactor.MIN_FREE_PAGES remain
            long after = sizeOnDisk(store.path());
            assertThat(after).as("peak %d bytes, after draining %d bytes", peak, after).isLessThan(peak / 10);

            logs.compact();
            long compacted = sizeOnDisk(store.path());
            assertThat(compacted).as("peak %d bytes, compacted %d bytes", peak, compacted).isLessThan(peak / 20);
        }
    }

    @Test
    void compactReclaimsWhatTheAutomaticThresholdLeaves() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            appendKibLogs(logs, 2 * KIB); // about 530 pages: under Compactor.MIN_FREE_PAGES once drained
            store.logs().compact(); // checkpoints, so the main file holds everything
            long mainFile = sizeOf(store.path());
            long peak = sizeOnDisk(store.path());
            drain(logs);
            assertThat(sizeOf(store.path())).as("below the threshold nothing is vacuumed").isEqualTo(mainFile);

            logs.compact();
            assertThat(sizeOnDisk(store.path())).isLessThan(peak / 20);
        }
        try (LauncherStore store = open(root)) {
            store.logs().append(LogKind.RESULT, List.of("still works"));
            assertThat(store.logs().count(LogKind.RESULT)).isEqualTo(1);
        }
    }

    @Test
    void aPartlyDrainedBufferKeepsItsUnsentLogs() {
        try (LauncherStore store = open(root)) {
            LogBuffer logs = store.logs();
            appendKibLogs(logs, 20 * KIB);
            long peak = sizeOnDisk(store.path());
            for (int i = 0; i < 5; i++) { // five 3 MiB batches: 15 of the 20 MiB
                logs.acknowledge(logs.nextBatch(LogKind.RESULT).orElseThrow());
            }
            logs.compact();

            long left = logs.count(LogKind.RESULT);
            assertThat(left).isEqualTo(20 * KIB - 5 * 3 * KIB);
            assertThat(sizeOnDisk(store.path())).isLessThan(peak / 2);
            assertThat(drain(logs)).isEqualTo(left);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendKibLogs(LogBuffer logs, int count) {
        String filler = "x".repeat(KIB - 8);
        for (int start = 0; start < count; start += 100) {
            List<String> list = new ArrayList<>(100);
            for (int i = start; i < Math.min(count, start + 100); i++) {
                list.add(String.format("%08d", i) + filler);
            }
            logs.append(LogKind.RESULT, list);
        }
    }

    /** Publishes everything, checking the logs leave in order; returns how many left. */
    private static int drain(LogBuffer logs) {
        int drained = 0;
        int previous = -1;
        for (Optional<LogBatch> batch = logs.nextBatch(LogKind.RESULT); batch.isPresent();
                batch = logs.nextBatch(LogKind.RESULT)) {
            for (String log : batch.get().logs()) {
                int number = Integer.parseInt(log.substring(0, 8));
                assertThat(number).isGreaterThan(previous);
                previous = number;
                drained++;
            }
            logs.acknowledge(batch.get());
        }
        assertThat(logs.count(LogKind.RESULT)).isZero();
        return drained;
    }
}
