package dev.kolide.launcher.store;

import static dev.kolide.launcher.store.StoreFixtures.numbered;
import static dev.kolide.launcher.store.StoreFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kolide.launcher.service.LogKind;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherStoreTest {
    @TempDir
    Path root;

    @Test
    void configValuesRoundTrip() {
        try (LauncherStore store = open(root)) {
            assertThat(store.get("nodeKey")).isEmpty();
            store.put("nodeKey", "abc");
            store.put("uuid", "5f1c…");
            assertThat(store.get("nodeKey")).contains("abc");
            store.put("nodeKey", "def");
            assertThat(store.get("nodeKey")).contains("def");
            store.delete("nodeKey");
            store.delete("never-stored");
            assertThat(store.get("nodeKey")).isEmpty();
            assertThat(store.get("uuid")).contains("5f1c…");
        }
    }

    @Test
    void valuesSurviveReopening() {
        String config = "{\"schedule\":{\"q\":{\"query\":\"select 1\",\"interval\":10}}}".repeat(1000);
        try (LauncherStore store = open(root)) {
            store.put("uuid", "host-1");
            store.put("config", config);
        }
        try (LauncherStore store = open(root)) {
            assertThat(store.get("uuid")).contains("host-1");
            assertThat(store.get("config")).contains(config);
            assertThat(store.path()).isEqualTo(root.resolve(LauncherStore.FILE_NAME));
        }
    }

    @Test
    void theDatabaseAndItsWalAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        try (LauncherStore store = open(root)) {
            store.put("nodeKey", "secret");
            store.logs().append(LogKind.RESULT, numbered("r", 10));
            Path db = store.path();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = db.resolveSibling(db.getFileName() + suffix);
                assertThat(companion).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(companion)))
                        .as(companion.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingWorldReadableStoreIsTightened() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        try (LauncherStore store = open(root)) {
            store.put("nodeKey", "secret");
        }
        Path db = root.resolve(LauncherStore.FILE_NAME);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        try (LauncherStore store = open(root)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
            assertThat(store.get("nodeKey")).contains("secret");
        }
    }

    @Test
    void createsTheRootDirectory() {
        Path nested = root.resolve("var/kolide");
        try (LauncherStore store = open(nested)) {
            assertThat(store.path()).exists().isEqualTo(nested.resolve("launcher.db"));
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        LauncherStore store = open(root);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get("uuid"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("reading config key uuid")
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.logs().append(LogKind.STATUS, numbered("s", 1)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("appending 1 status logs");
    }
}
