package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.launcher.service.LogKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher that dies right after an append returned keeps what it appended (WAL, synchronous=NORMAL). */
class CrashSurvivalTest {
    @TempDir
    Path root;

    @Test
    void appendsSurviveAProcessThatDiesWithoutClosing() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashingAppender.class.getName(), root.toString(), "50")
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("appended");
        assertThat(root.resolve("launcher.db-wal")).as("the crash left the WAL behind").exists();

        try (LauncherStore store = open(root)) {
            assertThat(store.get("nodeKey")).contains("key-from-crashed-process");
            assertThat(store.logs().count(LogKind.RESULT)).isEqualTo(500);
            List<String> logs = new ArrayList<>();
            for (Optional<LogBatch> batch = store.logs().nextBatch(LogKind.RESULT); batch.isPresent();
                    batch = store.logs().nextBatch(LogKind.RESULT)) {
                logs.addAll(batch.get().logs());
                store.logs().acknowledge(batch.get());
            }
            assertThat(logs).hasSize(500).startsWith("list0-0", "list0-1").endsWith("list49-9");
        }
    }
}
