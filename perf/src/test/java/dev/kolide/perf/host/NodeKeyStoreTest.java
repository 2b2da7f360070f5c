package dev.kolide.perf.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void keysSavedToTheFileAreReadByTheNextRun() throws Exception {
        Path file = dir.resolve("keys").resolve("nodes.txt");
        NodeKeyStore first = NodeKeyStore.file(file);
        first.put("B-UUID", "key/b+=");
        first.put("A-UUID", "key-a");
        first.save();

        NodeKeyStore second = NodeKeyStore.file(file);

        assertThat(Files.readAllLines(file)).containsExactly("A-UUID key-a", "B-UUID key/b+=");
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.get("B-UUID")).contains("key/b+=");
        assertThat(second.get("C-UUID")).isEmpty();
    }

    @Test
    void inMemoryStoresWriteNothing() {
        NodeKeyStore store = NodeKeyStore.inMemory();
        store.put("A", "k");
        store.save();

        assertThat(store.get("A")).contains("k");
    }
}
