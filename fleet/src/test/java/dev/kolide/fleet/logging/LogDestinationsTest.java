package dev.kolide.fleet.logging;

import dev.kolide.kit.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.config.LogPlugin;
import dev.kolide.fleet.config.OsqueryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDestinationsTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);

    private OsqueryConfig config(LogPlugin status, LogPlugin result, Path statusFile, Path resultFile) {
        return new OsqueryConfig(24, status, result, statusFile, resultFile, false, Duration.ofHours(1),
                Duration.ofHours(1));
    }

    @Test
    void statusAndResultLogsGoToTheirOwnFiles() throws IOException {
        Path status = dir.resolve("osquery_status");
        Path result = dir.resolve("osquery_result");
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, status, result), out, clock)) {
            logs.status().write(List.of("{\"s\":1}"));
            logs.result().write(List.of("{\"r\":1}"));
        }

        assertThat(Files.readAllLines(status)).containsExactly("{\"s\":1}");
        assertThat(Files.readAllLines(result)).containsExactly("{\"r\":1}");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void eachKindChoosesItsPlugin() throws IOException {
        Path status = dir.resolve("osquery_status");
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.STDOUT, status, dir.resolve("unused")), out, clock)) {
            logs.status().write(List.of("{\"s\":1}"));
            logs.result().write(List.of("{\"r\":1}"));
        }

        assertThat(Files.readAllLines(status)).containsExactly("{\"s\":1}");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("{\"r\":1}\n");
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    @Test
    void oneFileForBothKindsIsOpenedOnce() throws IOException {
        Path both = dir.resolve("osquery.log");
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, both, dir.resolve(".").resolve("osquery.log")),
                out, clock)) {
            assertThat(logs.status()).isSameAs(logs.result());
            logs.status().write(List.of("{\"s\":1}"));
            logs.result().write(List.of("{\"r\":1}"));
        }

        assertThat(Files.readAllLines(both)).containsExactly("{\"s\":1}", "{\"r\":1}");
    }

    @Test
    void rotationFollowsTheFlagWithKolidesNumbers() {
        OsqueryConfig rotating = new OsqueryConfig(24, LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM,
                dir.resolve("s"), dir.resolve("r"), true, Duration.ofHours(1), Duration.ofHours(1));
        try (LogDestinations logs = LogDestinations.open(rotating, out, clock)) {
            assertThat(((FilesystemLogDestination) logs.status()).rotation()).contains(LogRotation.KOLIDE);
            assertThat(((FilesystemLogDestination) logs.result()).rotation()).contains(LogRotation.KOLIDE);
        }
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, dir.resolve("s"), dir.resolve("r")), out, clock)) {
            assertThat(((FilesystemLogDestination) logs.status()).rotation()).isEmpty();
        }
        assertThat(LogRotation.KOLIDE.maxBytes()).isEqualTo(500L * 1024 * 1024);
        assertThat(LogRotation.KOLIDE.maxBackups()).isEqualTo(3);
        assertThat(LogRotation.KOLIDE.maxAge()).isEqualTo(Duration.ofDays(28));
    }

    @Test
    void ifTheSecondFileCannotBeOpenedTheFirstIsClosedAndTheErrorNamesTheFile() {
        Path missing = dir.resolve("missing").resolve("osquery_result");

        assertThatThrownBy(() -> LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, dir.resolve("s"), missing), out, clock))
                .isInstanceOf(LogDestinationException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aHangupReopensTheFilesSoLogrotateCanMoveThemAway() throws IOException {
        Path status = dir.resolve("osquery_status");
        Path result = dir.resolve("osquery_result");
        FakeHangup hangup = new FakeHangup();
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, status, result), out, clock)) {
            HangupSignal.Subscription subscription = logs.reopenOnHangup(hangup);
            logs.result().write(List.of("{\"old\":1}"));
            Files.move(result, dir.resolve("osquery_result.1"));
            Files.move(status, dir.resolve("osquery_status.1"));

            hangup.send();
            logs.result().write(List.of("{\"new\":1}"));
            logs.status().write(List.of("{\"new\":2}"));

            subscription.close();
            assertThat(hangup.actions).isEmpty();
        }

        assertThat(Files.readAllLines(dir.resolve("osquery_result.1"))).containsExactly("{\"old\":1}");
        assertThat(Files.readAllLines(result)).containsExactly("{\"new\":1}");
        assertThat(Files.readAllLines(status)).containsExactly("{\"new\":2}");
    }

    @Test
    void aReopenThatFailsOnHangupIsLoggedNotThrown() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("logs"));
        FakeHangup hangup = new FakeHangup();
        try (LogDestinations logs = LogDestinations.open(
                config(LogPlugin.FILESYSTEM, LogPlugin.STDOUT, sub.resolve("s"), dir.resolve("r")), out, clock)) {
            logs.reopenOnHangup(hangup);
            Files.delete(sub.resolve("s"));
            Files.delete(sub);

            hangup.send(); // must not throw into the signal thread

            assertThatThrownBy(() -> logs.status().write(List.of("{}"))).isInstanceOf(LogDestinationException.class);
            logs.result().write(List.of("{\"stdout\":\"fine\"}"));
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("{\"stdout\":\"fine\"}\n");
    }

    /** A SIGHUP the test sends by hand. */
    private static final class FakeHangup implements HangupSignal {
        final List<Runnable> actions = new ArrayList<>();

        @Override
        public Subscription subscribe(Runnable action) {
            actions.add(action);
            return () -> actions.remove(action);
        }

        void send() {
            List.copyOf(actions).forEach(Runnable::run);
        }
    }
}
