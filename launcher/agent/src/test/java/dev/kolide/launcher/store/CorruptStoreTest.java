package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.NOW;
import static dev.kolide.launcher.store.StoreFixtures.numbered;
import static dev.kolide.launcher.store.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.launcher.service.LogKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorruptStoreTest {
    @TempDir
    Path root;

    private Path db() {
        return root.resolve(LauncherStore.FILE_NAME);
    }

    private Path aside() {
        return root.resolve("launcher.db.corrupt-" + NOW.toEpochMilli());
    }

    @Test
    void randomBytesAreMovedAside() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Files.write(db(), garbage);

        assertMovedAsideAndFresh(garbage, "not a database");
    }

    @Test
    void aTextFileIsMovedAside() throws IOException {
        byte[] text = "this is not a database, it is a note someone left here\n".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(db(), text);

        assertMovedAsideAndFresh(text, "not a database");
    }

    @Test
    void aTruncatedStoreIsMovedAside() throws IOException {
        try (LauncherStore store = open(root)) {
            for (int i = 0; i < 20; i++) {
                store.logs().append(LogKind.RESULT, List.of("x".repeat(100_000)));
            }
        }
        try (FileChannel channel = FileChannel.open(db(), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        byte[] truncated = Files.readAllBytes(db());

        assertMovedAsideAndFresh(truncated, "");
    }

    @Test
    void anotherSchemaIsMovedAside() throws IOException, SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE something_else (id INTEGER)");
        }
        byte[] other = Files.readAllBytes(db());

        assertMovedAsideAndFresh(other, "schema version 0 (tables [something_else])");
    }

    @Test
    void aNewerSchemaVersionIsMovedAside() throws IOException, SQLException {
        open(root).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }
        byte[] newer = Files.readAllBytes(db());

        assertMovedAsideAndFresh(newer, "schema version 99");
    }

    @Test
    void anEmptyFileIsAFreshStoreNotACorruptOne() throws IOException {
        Files.createFile(db());
        try (CapturedLogs captured = new CapturedLogs(); LauncherStore store = open(root)) {
            store.put("uuid", "u");
            assertThat(store.get("uuid")).contains("u");
            assertThat(captured.warnings()).isEmpty();
        }
        assertThat(aside()).doesNotExist();
    }

    @Test
    void aStoreThatCannotBeOpenedIsNotMovedAside() throws IOException {
        Files.createDirectories(db());
        assertThatThrownBy(() -> open(root))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(db().toString());
        assertThat(db()).isDirectory();
        assertThat(aside()).doesNotExist();
    }

    @Test
    void aSecondBadFileTheSameMillisecondGetsItsOwnName() throws IOException {
        Files.writeString(db(), "garbage one");
        open(root).close();
        Files.delete(db());
        Files.writeString(db(), "garbage two");
        open(root).close();

        assertThat(aside()).hasContent("garbage one");
        assertThat(root.resolve(aside().getFileName() + "-1")).hasContent("garbage two");
    }

    private void assertMovedAsideAndFresh(byte[] original, String reason) throws IOException {
        try (CapturedLogs captured = new CapturedLogs(); LauncherStore store = open(root)) {
            assertThat(captured.warnings()).singleElement().asString()
                    .contains(db().toString())
                    .contains("not a valid launcher store")
                    .contains(reason)
                    .contains(aside().toString());
            store.put("uuid", "fresh");
            store.logs().append(LogKind.STATUS, numbered("s", 3));
            assertThat(store.logs().count(LogKind.STATUS)).isEqualTo(3);
            assertThat(store.logs().count(LogKind.RESULT)).isZero();
        }
        assertThat(Arrays.equals(Files.readAllBytes(aside()), original)).as("the moved file is what was found").isTrue();
        try (LauncherStore reopened = open(root)) {
            assertThat(reopened.get("uuid")).contains("fresh");
        }
    }
}
