package dev.kolide.launcher.autoupdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a binary's updates are installed: {@code <dir of the binary>/<binary>-updates} as Kolide's launcher does,
 * else, when that directory cannot be written (a read-only {@code /usr/local}), {@code <root>/<binary>-updates}.
 * The choice is the same at every start as long as the permissions are, so the runtime finds what was installed.
 */
public final class UpdatesDirectory {
    private UpdatesDirectory() {}

    /** The directory next to {@code originalBinary}. */
    public static Path besideBinary(Path originalBinary) {
        Path binary = originalBinary.toAbsolutePath().normalize();
        return binary.resolveSibling(baseName(binary) + "-updates");
    }

    /** Next to the binary when that is writable, else under {@code root}; logs the fallback. */
    public static Path choose(Path originalBinary, Path root) {
        Path beside = besideBinary(originalBinary);
        if (writable(beside)) {
            return beside;
        }
        Path fallback = root.toAbsolutePath().normalize().resolve(baseName(originalBinary) + "-updates");
        Logger log = LoggerFactory.getLogger(UpdatesDirectory.class);
        log.atInfo().addKeyValue("binary", originalBinary).addKeyValue("not_writable", beside)
                .addKeyValue("updates_dir", fallback).log("installing updates under the root directory");
        return fallback;
    }

    /** The binary's name without {@code .exe}: {@code osqueryd}, {@code launcher}. */
    public static String baseName(Path binary) {
        String name = binary.getFileName().toString();
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    /** Whether {@code dir} is (or can be made as) a directory this process can write. */
    static boolean writable(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir);
        }
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
