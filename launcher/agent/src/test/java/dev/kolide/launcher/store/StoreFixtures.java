package dev.kolide.launcher.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Shared bits of the store tests. */
final class StoreFixtures {
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private StoreFixtures() {
    }

    static LauncherStore open(Path root) {
        return LauncherStore.open(root, LogBufferLimits.defaults(), CLOCK);
    }

    static LauncherStore open(Path root, LogBufferLimits limits) {
        return LauncherStore.open(root, limits, CLOCK);
    }

    /** {@code count} logs named {@code prefix-0}, {@code prefix-1}, ... */
    static List<String> numbered(String prefix, int count) {
        List<String> logs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            logs.add(prefix + "-" + i);
        }
        return logs;
    }

    /** The size of launcher.db plus its WAL: what the store occupies on disk. */
    static long sizeOnDisk(Path database) {
        try {
            Path wal = database.resolveSibling(database.getFileName() + "-wal");
            return Files.size(database) + (Files.exists(wal) ? Files.size(wal) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
