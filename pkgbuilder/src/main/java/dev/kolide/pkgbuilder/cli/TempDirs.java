package dev.kolide.pkgbuilder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the temporary directories a run made for itself. */
final class TempDirs {
    private TempDirs() {}

    /** Deletes {@code dir} and everything below it, without following links; what cannot go stays. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a finished build for
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // see above
        }
    }
}
