package dev.kolide.osquery.lite.tables;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the tables read the system from: {@code /} in the program, a directory of fixture files in tests. Reads
 * that fail (a process that ended, a file only root may read) give empty results, as osquery's tables skip what
 * they cannot read.
 */
public final class SystemFiles {
    private final Path root;

    public SystemFiles(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** The running system. */
    public static SystemFiles live() {
        return new SystemFiles(Path.of("/"));
    }

    /** {@code absolute} ("/proc/uptime") under this root. */
    public Path path(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** The file's text, or empty when it cannot be read. */
    public Optional<String> read(String absolute) {
        return read(path(absolute));
    }

    public Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The file's first line without surrounding blanks, or "" when it cannot be read. */
    public String readTrimmed(String absolute) {
        return read(absolute).map(String::strip).orElse("");
    }

    /** The file's lines, or none when it cannot be read. */
    public List<String> lines(String absolute) {
        return read(absolute).map(text -> List.of(text.split("\n"))).orElse(List.of());
    }

    /** The link's target, or "" when it is not a readable link. */
    public String readLink(String absolute) {
        try {
            return Files.readSymbolicLink(path(absolute)).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** The names in a directory, or none when it cannot be listed. */
    public List<String> list(String absolute) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path(absolute))) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | SecurityException e) {
            return names;
        }
        return names;
    }
}
