package dev.kolide.perf.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node keys by host identifier, kept in a file ({@code --node_key_file}: one "identifier key" per line) so that a
 * rerun reuses them instead of re-enrolling every host at once. Without a file the keys live only in memory.
 */
public final class NodeKeyStore {
    private final Path file;
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    private NodeKeyStore(Path file) {
        this.file = file;
    }

    /** Keys only in memory. */
    public static NodeKeyStore inMemory() {
        return new NodeKeyStore(null);
    }

    /** Keys read from {@code file} if it exists, and saved back to it. */
    public static NodeKeyStore file(Path file) {
        NodeKeyStore store = new NodeKeyStore(file);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    if (parts.length == 2 && !parts[0].startsWith("#")) {
                        store.keys.put(parts[0], parts[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading node keys from " + file, e);
            }
        }
        return store;
    }

    public Optional<String> get(String hostIdentifier) {
        return Optional.ofNullable(keys.get(hostIdentifier));
    }

    public void put(String hostIdentifier, String nodeKey) {
        keys.put(hostIdentifier, nodeKey);
    }

    public int size() {
        return keys.size();
    }

    /** Writes the keys (sorted) to the file, replacing it whole; nothing without a file. */
    public void save() {
        if (file == null) {
            return;
        }
        List<String> lines = new TreeMap<>(keys).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("saving node keys to " + file, e);
        }
    }
}
