package dev.kolide.osquery.lite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code --database_path}: a directory osqueryd-lite creates and locks (its {@code LOCK} file, as RocksDB's), so
 * that two engines never share one; it keeps the generated host uuid of a machine without a readable DMI uuid.
 * Result state lives in memory.
 */
final class DatabaseDirectory {
    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DatabaseDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DatabaseDirectory open(Path path) throws LiteException {
        FileChannel channel = null;
        try {
            Files.createDirectories(path);
            channel = FileChannel.open(path.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LiteException("database " + path + " is locked by another osqueryd");
            }
            return new DatabaseDirectory(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new LiteException("database " + path + " is already open in this process", e);
        } catch (IOException e) {
            close(channel);
            throw new LiteException("opening database " + path + ": " + e.getMessage(), e);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }

    /** The host uuid stored here, made and stored on first use. */
    String storedHostUuid() throws LiteException {
        Path file = path.resolve("host_uuid");
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            }
            String uuid = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            Files.writeString(file, uuid + "\n", StandardCharsets.UTF_8);
            return uuid;
        } catch (IOException e) {
            throw new LiteException("reading the host uuid from " + file + ": " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // released with the process anyway
        }
    }
}
