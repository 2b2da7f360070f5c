package dev.kolide.fleet.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Names, finds and prunes the rotated copies of one log file, with lumberjack's naming: {@code results.log}
 * becomes {@code results-2026-11-27T10-00-00.000.log} (UTC), {@code osquery_result} becomes
 * {@code osquery_result-2026-11-27T10-00-00.000}; compressed copies add {@code .gz}.
 */
final class Backups {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS").withZone(ZoneOffset.UTC);
    private static final String GZ = ".gz";

    private final Path dir;
    private final String prefix;
    private final String extension;

    Backups(Path file) {
        Path absolute = file.toAbsolutePath();
        this.dir = absolute.getParent();
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.prefix = (dot < 0 ? name : name.substring(0, dot)) + "-";
        this.extension = dot < 0 ? "" : name.substring(dot);
    }

    /** A backup with a name no other file has yet: the time, moved on by a millisecond while it is taken. */
    Path newName(Instant time) {
        Instant t = time;
        while (true) {
            Path candidate = dir.resolve(prefix + STAMP.format(t) + extension);
            if (!Files.exists(candidate) && !Files.exists(gzipped(candidate))) {
                return candidate;
            }
            t = t.plusMillis(1);
        }
    }

    /** Backups as found in the directory, newest first. */
    List<Backup> list() throws IOException {
        List<Backup> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path entry : entries) {
                Instant time = timeOf(entry.getFileName().toString());
                if (time != null && Files.isRegularFile(entry)) {
                    found.add(new Backup(entry, time));
                }
            }
        }
        found.sort(Comparator.comparing(Backup::time).reversed());
        return found;
    }

    private Instant timeOf(String name) {
        String rest = name.substring(prefix.length());
        if (rest.endsWith(GZ)) {
            rest = rest.substring(0, rest.length() - GZ.length());
        }
        if (!rest.endsWith(extension)) {
            return null;
        }
        String stamp = rest.substring(0, rest.length() - extension.length());
        try {
            return STAMP.parse(stamp, Instant::from);
        } catch (DateTimeParseException e) {
            return null; // another file that happens to share the prefix
        }
    }

    /** Gzips {@code backup} next to itself and deletes the original. */
    static void compress(Path backup) throws IOException {
        Path target = gzipped(backup);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (InputStream in = Files.newInputStream(backup);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            in.transferTo(out);
        }
        // Only a complete .gz takes the backup's place.
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(backup);
    }

    static boolean isCompressed(Path backup) {
        return backup.getFileName().toString().endsWith(GZ);
    }

    private static Path gzipped(Path backup) {
        return backup.resolveSibling(backup.getFileName() + GZ);
    }

    record Backup(Path path, Instant time) {}
}
