package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.launcher.service.LogKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** osquery's logger calls append while the flush loop drains: every log leaves exactly once, in each writer's order. */
class ConcurrentLogBufferTest {
    private static final int WRITERS = 4;
    private static final int LISTS_PER_WRITER = 200;
    private static final int LOGS_PER_LIST = 10;

    @TempDir
    Path root;

    @Test
    void noLogIsLostOrDuplicated() throws Exception {
        LogBufferLimits smallBatches = new LogBufferLimits(2_000, 1_000, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try (LauncherStore store = open(root, smallBatches)) {
            LogBuffer logs = store.logs();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int list = 0; list < LISTS_PER_WRITER; list++) {
                        List<String> batch = new ArrayList<>();
                        for (int i = 0; i < LOGS_PER_LIST; i++) {
                            batch.add("w" + writer + ":" + (list * LOGS_PER_LIST + i));
                        }
                        logs.append(LogKind.RESULT, batch);
                    }
                    return null;
                }));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<List<String>> flusher = pool.submit(() -> {
                List<String> published = new ArrayList<>();
                start.await();
                while (true) {
                    boolean wasWriting = writing.get();
                    Optional<LogBatch> batch = logs.nextBatch(LogKind.RESULT);
                    if (batch.isEmpty()) {
                        if (!wasWriting) {
                            return published;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    published.addAll(batch.get().logs());
                    logs.acknowledge(batch.get());
                }
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<String> published = flusher.get(2, TimeUnit.MINUTES);

            int total = WRITERS * LISTS_PER_WRITER * LOGS_PER_LIST;
            assertThat(published).hasSize(total).doesNotHaveDuplicates();
            Map<String, Integer> lastSeen = new HashMap<>();
            for (String log : published) {
                String[] writerAndNumber = log.split(":");
                int number = Integer.parseInt(writerAndNumber[1]);
                assertThat(number).as(log).isEqualTo(lastSeen.getOrDefault(writerAndNumber[0], -1) + 1);
                lastSeen.put(writerAndNumber[0], number);
            }
            assertThat(logs.count(LogKind.RESULT)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
