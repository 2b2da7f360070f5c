package dev.kolide.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temp directory under /tmp with a short name: Unix socket paths must stay under osquery's 97 characters. */
public final class ShortTempDir implements AutoCloseable {
    private final Path path;

    public ShortTempDir() {
        try {
            path = Files.createTempDirectory(Path.of("/tmp"), "osq-");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temp dir under /tmp", e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Removes the directory; files that vanish meanwhile (a server removing its socket) are no error. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            if (Files.exists(path) && !path.toFile().delete()) {
                throw new IllegalStateException("removing " + path, e);
            }
        }
    }
}
