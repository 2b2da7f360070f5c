package dev.kolide.launcher.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/** Keeps launcher.db and SQLite's companion files owner-only (0600): they hold the node key, a credential. */
final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = Set.copyOf(PosixFilePermissions.fromString("rw-------"));
    static final List<String> COMPANION_SUFFIXES = List.of("-wal", "-shm", "-journal");

    private PrivateFiles() {
    }

    /** Creates {@code file} as 0600 if it does not exist, so SQLite never creates it with the umask's mode. */
    static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean posix = isPosix(file.toAbsolutePath().getParent());
        try {
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attributes);
        } catch (FileAlreadyExistsException e) {
            // an existing store: restrict() below tightens it
        }
        restrict(file);
    }

    /** Sets 0600 on {@code file} and on whichever of its -wal, -shm and -journal files exist. */
    static void restrictWithCompanions(Path file) throws IOException {
        restrict(file);
        for (String suffix : COMPANION_SUFFIXES) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                restrict(companion);
            }
        }
    }

    private static void restrict(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
