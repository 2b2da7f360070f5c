package dev.kolide.launcher.autoupdate;

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

    /** {@code <binary>-updates} in the directory of {@code originalBinary}. */
    public static Path besideBinary(Path originalBinary, String binary) {
        return originalBinary.toAbsolutePath().normalize().resolveSibling(binary + "-updates");
    }

    /**
     * Next to the binary when that is writable, else under {@code root}; logs the fallback. Creates nothing: the
     * installer does, once there is an update.
     */
    public static Path choose(Path originalBinary, String binary, Path root) {
        Path beside = besideBinary(originalBinary, binary);
        if (writable(beside)) {
            return beside;
        }
        Path fallback = root.toAbsolutePath().normalize().resolve(binary + "-updates");
        Logger log = LoggerFactory.getLogger(UpdatesDirectory.class);
        log.atInfo().addKeyValue("binary", originalBinary).addKeyValue("not_writable", beside)
                .addKeyValue("updates_dir", fallback).log("installing updates under the root directory");
        return fallback;
    }

    /** Whether {@code dir} is a directory this process can write, or one it could make. */
    public static boolean writable(Path dir) {
        if (Files.exists(dir)) {
            return Files.isDirectory(dir) && Files.isWritable(dir);
        }
        Path parent = dir.getParent();
        return parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }
}
