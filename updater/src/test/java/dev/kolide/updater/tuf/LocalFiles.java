package dev.kolide.updater.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The local repository's files (relative path → bytes), to prove a failed cycle changed nothing. */
final class LocalFiles {

    private LocalFiles() {
    }

    static Map<String, byte[]> read(Path dir) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    static void assertSame(Path dir, Map<String, byte[]> before) throws Exception {
        Map<String, byte[]> after = read(dir);
        assertThat(after.keySet()).as("files in " + dir).isEqualTo(before.keySet());
        after.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
    }
}
