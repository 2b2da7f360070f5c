package dev.kolide.osquery.lite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --pidfile}: refuses to start when the pid in it is a live process, else writes ours; removed at exit. */
final class Pidfile {
    private final Path path;

    private Pidfile(Path path) {
        this.path = path;
    }

    static Pidfile acquire(Path path) throws LiteException {
        try {
            if (Files.exists(path)) {
                String text = Files.readString(path, StandardCharsets.UTF_8).strip();
                long self = ProcessHandle.current().pid();
                if (text.matches("\\d+") && Long.parseLong(text) != self) {
                    Optional<ProcessHandle> other = ProcessHandle.of(Long.parseLong(text));
                    if (other.isPresent() && other.get().isAlive()) {
                        throw new LiteException("pidfile " + path + " names process " + text
                                + ", which is running: is another osqueryd using it?");
                    }
                }
            }
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            return new Pidfile(path);
        } catch (IOException e) {
            throw new LiteException("writing pidfile " + path + ": " + e.getMessage(), e);
        }
    }

    void release() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing to do at exit; a stale pidfile is overwritten next time.
        }
    }
}
