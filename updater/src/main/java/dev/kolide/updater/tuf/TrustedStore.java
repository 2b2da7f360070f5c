package dev.kolide.updater.tuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The trusted metadata on disk: {@code root.json}, {@code timestamp.json}, {@code snapshot.json},
 * {@code targets.json}, {@code targets/<x>.json}, each the exact served bytes, each replaced atomically (temp file,
 * fsync, atomic rename) so a crash leaves either the old or the new file.
 */
final class TrustedStore {

    private final Path dir;

    TrustedStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path path(String role) {
        return dir.resolve(role + ".json");
    }

    Optional<byte[]> read(String role) {
        try {
            return Optional.of(Files.readAllBytes(path(role)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading trusted " + role + " from " + path(role), e);
        }
    }

    void write(String role, byte[] bytes) {
        Path target = path(role);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the store's file system cannot rename atomically", e);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("writing trusted " + role + " to " + target, e);
        }
    }

    void delete(String role) {
        try {
            Files.deleteIfExists(path(role));
        } catch (IOException e) {
            throw new UncheckedIOException("deleting trusted " + role, e);
        }
    }

    /** Removes every trusted file but root (a new bootstrap root makes them meaningless). */
    void deleteAllButRoot() {
        delete("timestamp");
        delete("snapshot");
        delete("targets");
        Path delegations = dir.resolve("targets");
        if (!Files.isDirectory(delegations)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(delegations)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting trusted delegations in " + delegations, e);
        }
    }

    private static void syncDirectory(Path directory) {
        // makes the rename durable on Linux; some platforms cannot open a directory, which is fine there
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort only
        }
    }
}
