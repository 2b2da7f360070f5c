package dev.kolide.fleet.logging;

import dev.kolide.kit.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FilesystemLogDestinationTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

    @Test
    void linesLandInTheOrderTheyWereWritten() throws IOException {
        Path file = dir.resolve("osquery_result");
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            destination.write(List.of("{\"n\":1}", "{\"n\":2}"));
            destination.write(List.of("{\"n\":3}"));
            destination.write(List.of());
            destination.write(List.of("{\"n\":4}", "{\"n\":5}", "{\"n\":6}"));
        }

        assertThat(Files.readAllLines(file))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}", "{\"n\":6}");
    }

    @Test
    void linesAreAppendedToAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("osquery_status"), "{\"old\":true}\n");

        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            destination.write(List.of("{\"new\":true}"));
        }

        assertThat(Files.readAllLines(file)).containsExactly("{\"old\":true}", "{\"new\":true}");
    }

    @Test
    void concurrentWritersNeitherInterleaveLinesNorSplitBatches() throws Exception {
        Path file = dir.resolve("osquery_result");
        int writers = 8;
        int batches = 200;
        String padding = "x".repeat(500); // long lines, so a torn write would show
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        List<String> batch = new ArrayList<>();
                        for (int l = 0; l < 5; l++) {
                            batch.add("{\"w\":" + writer + ",\"b\":" + b + ",\"l\":" + l + ",\"p\":\"" + padding + "\"}");
                        }
                        destination.write(batch);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(writers * batches * 5);
        Set<String> distinct = new HashSet<>(lines);
        assertThat(distinct).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i += 5) {
            String batchId = lines.get(i).substring(0, lines.get(i).indexOf(",\"l\""));
            for (int l = 0; l < 5; l++) {
                assertThat(lines.get(i + l))
                        .isEqualTo(batchId + ",\"l\":" + l + ",\"p\":\"" + padding + "\"}");
            }
        }
    }

    @Test
    void aLineWithALineBreakIsRefusedAndNothingOfItsBatchIsWritten() throws IOException {
        Path file = dir.resolve("osquery_result");
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            assertThatThrownBy(() -> destination.write(List.of("{\"ok\":1}", "{\"bad\":\n2}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("log line 2 of 2 contains a line break");
            assertThatThrownBy(() -> destination.write(List.of("{\"bad\":\r2}")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aNewFileIsCreatedReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("osquery_result");

        FilesystemLogDestination.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anExistingFileKeepsItsMode() throws IOException {
        Path file = Files.createFile(dir.resolve("osquery_result"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        FilesystemLogDestination.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void aMissingDirectoryIsACleanErrorNamingIt() {
        Path file = dir.resolve("no-such-dir").resolve("osquery_result");

        assertThatThrownBy(() -> FilesystemLogDestination.open(file))
                .isInstanceOf(LogDestinationException.class)
                .hasMessageContaining("opening log file " + file)
                .hasMessageContaining("directory " + file.getParent() + " does not exist");
    }

    @Test
    void aFileThatCannotBeOpenedIsAnErrorNamingIt() throws IOException {
        Path notAFile = Files.createDirectory(dir.resolve("osquery_result"));

        assertThatThrownBy(() -> FilesystemLogDestination.open(notAFile))
                .isInstanceOf(LogDestinationException.class)
                .hasMessageStartingWith("opening log file " + notAFile);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailedWriteThrowsSoTheSenderKeepsItsLines() {
        // Every write to /dev/full fails with "No space left on device": a full disk, on demand.
        try (FilesystemLogDestination full = FilesystemLogDestination.open(Path.of("/dev/full"))) {
            assertThatThrownBy(() -> full.write(List.of("{\"a\":1}", "{\"b\":2}")))
                    .isInstanceOf(LogDestinationException.class)
                    .hasMessageStartingWith("writing 2 log lines to /dev/full")
                    .hasRootCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void writingAfterCloseFails() {
        FilesystemLogDestination destination = FilesystemLogDestination.open(dir.resolve("osquery_result"));
        destination.close();
        destination.close();

        assertThatThrownBy(() -> destination.write(List.of("{}"))).isInstanceOf(LogDestinationException.class)
                .hasMessageEndingWith("closed");
    }

    @Test
    void afterTheFileIsMovedAwayReopenStartsANewFile() throws IOException {
        Path file = dir.resolve("osquery_result");
        Path moved = dir.resolve("osquery_result.1");
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            destination.write(List.of("{\"before\":1}"));
            Files.move(file, moved); // what logrotate does before it signals

            destination.write(List.of("{\"before\":2}")); // still the moved file: same open descriptor
            destination.reopen();
            destination.write(List.of("{\"after\":1}"));
        }

        assertThat(Files.readAllLines(moved)).containsExactly("{\"before\":1}", "{\"before\":2}");
        assertThat(Files.readAllLines(file)).containsExactly("{\"after\":1}");
    }

    @Test
    void aReopenThatFailsIsRetriedByTheNextWrite() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("logs"));
        Path file = sub.resolve("osquery_result");
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file)) {
            Files.delete(file);
            Files.delete(sub);

            assertThatThrownBy(destination::reopen).isInstanceOf(LogDestinationException.class);
            assertThatThrownBy(() -> destination.write(List.of("{\"lost\":0}")))
                    .isInstanceOf(LogDestinationException.class);

            Files.createDirectory(sub);
            destination.write(List.of("{\"back\":1}"));
        }

        assertThat(Files.readAllLines(file)).containsExactly("{\"back\":1}");
    }

    @Test
    void rotationBySizeStartsNewFilesAndKeepsTheNewestBackups() throws IOException {
        Path file = dir.resolve("osquery_result");
        LogRotation rotation = new LogRotation(100, 2, Duration.ZERO, false);
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file, rotation, clock)) {
            for (int i = 0; i < 6; i++) {
                destination.write(List.of(line(i, 30), line(i, 30))); // 62 bytes: one batch a file
                clock.advance(Duration.ofSeconds(1));
            }
        }

        assertThat(Files.readAllLines(file)).containsExactly(line(5, 30), line(5, 30));
        assertThat(names()).containsExactlyInAnyOrder("osquery_result",
                "osquery_result-2026-11-27T10-00-04.000", "osquery_result-2026-11-27T10-00-05.000");
        assertThat(Files.readAllLines(dir.resolve("osquery_result-2026-11-27T10-00-05.000")))
                .containsExactly(line(4, 30), line(4, 30));
        assertThat(Files.readAllLines(dir.resolve("osquery_result-2026-11-27T10-00-04.000")))
                .containsExactly(line(3, 30), line(3, 30));
    }

    @Test
    void batchesAreNeverSplitAndOneBiggerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        Path file = dir.resolve("results.log");
        LogRotation rotation = new LogRotation(50, 0, Duration.ZERO, false);
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file, rotation, clock)) {
            destination.write(List.of(line(1, 10)));
            destination.write(List.of(line(2, 80), line(3, 80)));
            clock.advance(Duration.ofSeconds(1));
            destination.write(List.of(line(4, 10)));
        }

        assertThat(names()).containsExactlyInAnyOrder("results.log",
                "results-2026-11-27T10-00-00.000.log", "results-2026-11-27T10-00-01.000.log");
        assertThat(Files.readAllLines(dir.resolve("results-2026-11-27T10-00-00.000.log")))
                .containsExactly(line(1, 10));
        assertThat(Files.readAllLines(dir.resolve("results-2026-11-27T10-00-01.000.log")))
                .containsExactly(line(2, 80), line(3, 80));
        assertThat(Files.readAllLines(file)).containsExactly(line(4, 10));
    }

    @Test
    void rotationsWithinOneMillisecondGetDistinctNames() throws IOException {
        Path file = dir.resolve("osquery_result");
        LogRotation rotation = new LogRotation(10, 0, Duration.ZERO, false);
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file, rotation, clock)) {
            for (int i = 0; i < 4; i++) {
                destination.write(List.of(line(i, 20)));
            }
        }

        assertThat(names()).containsExactlyInAnyOrder("osquery_result", "osquery_result-2026-11-27T10-00-00.000",
                "osquery_result-2026-11-27T10-00-00.001", "osquery_result-2026-11-27T10-00-00.002");
    }

    @Test
    void backupsOlderThanTheMaximumAgeAreDeleted() throws IOException {
        Path file = dir.resolve("osquery_result");
        Files.writeString(dir.resolve("osquery_result-2026-10-01T00-00-00.000"), "{\"ancient\":1}\n");
        Files.writeString(dir.resolve("osquery_result-2026-11-20T00-00-00.000"), "{\"recent\":1}\n");
        Files.writeString(dir.resolve("osquery_result-notatime"), "unrelated\n");
        LogRotation rotation = new LogRotation(10, 0, Duration.ofDays(28), false);
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file, rotation, clock)) {
            destination.write(List.of(line(1, 20)));
            destination.write(List.of(line(2, 20)));
        }

        assertThat(names()).containsExactlyInAnyOrder("osquery_result", "osquery_result-notatime",
                "osquery_result-2026-11-20T00-00-00.000", "osquery_result-2026-11-27T10-00-00.000");
    }

    @Test
    void backupsAreGzippedWhenAsked() throws IOException {
        Path file = dir.resolve("osquery_result");
        LogRotation rotation = new LogRotation(10, 2, Duration.ZERO, true);
        try (FilesystemLogDestination destination = FilesystemLogDestination.open(file, rotation, clock)) {
            for (int i = 0; i < 4; i++) {
                destination.write(List.of(line(i, 20)));
                clock.advance(Duration.ofSeconds(1));
            }
        }

        assertThat(names()).containsExactlyInAnyOrder("osquery_result",
                "osquery_result-2026-11-27T10-00-02.000.gz", "osquery_result-2026-11-27T10-00-03.000.gz");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(dir.resolve("osquery_result-2026-11-27T10-00-03.000.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(line(2, 20) + "\n");
        }
    }

    private static String line(int n, int length) {
        String prefix = "{\"n\":" + n + ",\"p\":\"";
        return prefix + "x".repeat(Math.max(0, length - prefix.length() - 2)) + "\"}";
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
        }
    }
}
