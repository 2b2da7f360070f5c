package dev.kolide.osquery.lite.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node key in {@code <--database_path>/node_key} (owner-only), so a restart does not enroll again: real
 * osquery keeps it in its RocksDB. A key that cannot be stored is kept in memory only (logged).
 */
final class NodeKeyStore {
    static final String FILE = "node_key";

    private final Logger log = LoggerFactory.getLogger(NodeKeyStore.class);
    private final Path file;

    NodeKeyStore(Path databaseDirectory) {
        this.file = requireNonNull(databaseDirectory, "databaseDirectory is null").resolve(FILE);
    }

    Optional<String> read() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (IOException e) {
            log.warn("reading the node key from {} failed: {}; enrolling again", file, e.toString());
            return Optional.empty();
        }
    }

    void write(String key) {
        Path temp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("storing the node key in {} failed: {}; it lasts until osqueryd-lite stops", file, e.toString());
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("removing the node key {} failed: {}", file, e.toString());
        }
    }
}
