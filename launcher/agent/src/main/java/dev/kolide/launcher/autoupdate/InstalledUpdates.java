package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The updates installed for one binary: {@code <updatesDir>/<unix-seconds>/<binary>}. A version counts when its
 * directory name is all digits (staging directories start with a dot), it holds the binary, executable, and no
 * {@value #BROKEN_MARKER} file (a version that never came up, reference §1.7 and Kolide #509).
 */
public final class InstalledUpdates {
    /** The file that marks a version broken; it holds why. */
    public static final String BROKEN_MARKER = "broken";

    private final Logger log = LoggerFactory.getLogger(InstalledUpdates.class);
    private final Path updatesDir;
    private final String binary;

    public InstalledUpdates(Path updatesDir, String binary) {
        this.updatesDir = requireNonNull(updatesDir, "updatesDir is null").toAbsolutePath().normalize();
        this.binary = requireNonNull(binary, "binary is null");
    }

    public Path updatesDir() {
        return updatesDir;
    }

    /** The valid installed binaries, newest first. */
    public List<Path> binaries() {
        List<Path> binaries = new ArrayList<>();
        for (Path dir : versionDirectories()) {
            if (!Files.exists(dir.resolve(BROKEN_MARKER))) {
                binaryIn(dir).ifPresent(binaries::add);
            }
        }
        return binaries;
    }

    /** The newest valid installed binary, else {@code original}: what to run now. */
    public Path newest(Path original) {
        List<Path> binaries = binaries();
        return binaries.isEmpty() ? original : binaries.get(0);
    }

    /** Whether {@code path} is a binary of an installed version (as opposed to the packaged original). */
    public boolean isInstalledUpdate(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        Path dir = normalized.getParent();
        return dir != null && updatesDir.equals(dir.getParent()) && isVersionName(dir.getFileName().toString());
    }

    /** Marks the version holding {@code installedBinary} broken, so that it is never chosen again. */
    public void markBroken(Path installedBinary, String reason) {
        if (!isInstalledUpdate(installedBinary)) {
            throw new IllegalArgumentException(installedBinary + " is not an update installed in " + updatesDir);
        }
        Path marker = installedBinary.toAbsolutePath().normalize().getParent().resolve(BROKEN_MARKER);
        try {
            Files.writeString(marker, reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("marking " + marker.getParent() + " broken", e);
        }
    }

    /**
     * Deletes all but the {@code keep} newest valid versions (broken and incomplete ones go too) and staging
     * leftovers of a crashed install; a directory that cannot be deleted is logged and left.
     */
    void prune(int keep) {
        List<Path> kept = binaries().stream().limit(keep).map(Path::getParent).toList();
        List<Path> doomed = new ArrayList<>();
        for (Path dir : versionDirectories()) {
            if (!kept.contains(dir)) {
                doomed.add(dir);
            }
        }
        doomed.addAll(stagingLeftovers());
        for (Path dir : doomed) {
            try {
                Trees.delete(dir);
                log.atInfo().addKeyValue("binary", binary).addKeyValue("dir", dir).log("removed an old update");
            } catch (IOException e) {
                log.atWarn().addKeyValue("binary", binary).addKeyValue("dir", dir)
                        .addKeyValue("error", e.toString()).log("could not remove an old update");
            }
        }
    }

    /** Directories {@link UpdateInstaller} stages in; any left is from a crash. */
    List<Path> stagingLeftovers() {
        return list().filter(p -> p.getFileName().toString().startsWith(UpdateInstaller.STAGING_PREFIX)).toList();
    }

    /** The version directories, newest first. */
    private List<Path> versionDirectories() {
        return list().filter(Files::isDirectory).filter(p -> isVersionName(p.getFileName().toString()))
                .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString())).reversed())
                .toList();
    }

    private Stream<Path> list() {
        if (!Files.isDirectory(updatesDir)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(updatesDir)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the updates of " + binary + " in " + updatesDir, e);
        }
    }

    private Optional<Path> binaryIn(Path dir) {
        for (String name : List.of(binary, binary + ".exe")) {
            Path candidate = dir.resolve(name);
            if (TarGzExtractor.isPlainFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isVersionName(String name) {
        return !name.isEmpty() && name.length() <= 18 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
