package dev.kolide.launcher.autoupdate;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the running launcher's own binary is, for its self-update. Self-update needs the single-file program
 * ({@code <bindir>/launcher}: the launch stub followed by the jar), which the launch stub replaces by the newest
 * {@code <bindir>/launcher-updates/<unix-seconds>/launcher} at start. When this launcher is such an update, its
 * original is {@code <bindir>/launcher}, where later updates are installed too.
 */
public final class RunningLauncher {
    /** The program's name, and so the update target's and the updates directory's. */
    public static final String BINARY = "launcher";

    private RunningLauncher() {}

    /** The original launcher binary of the code running now, if it runs as the single-file program. */
    public static Optional<Path> originalBinary(Class<?> launcherClass) {
        CodeSource source = launcherClass.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return originalOf(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The original of the program at {@code running}: itself when it is {@code <bindir>/launcher}, {@code
     * <bindir>/launcher} when it is an installed update; empty for anything else (a class directory in tests, the
     * per-OS distribution's {@code lib/launcher.jar}, whose script does not pick updates).
     */
    static Optional<Path> originalOf(Path running) {
        Path path = running.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path) || !path.getFileName().toString().equals(BINARY)) {
            return Optional.empty();
        }
        Path versionDir = path.getParent();
        Path updatesDir = versionDir == null ? null : versionDir.getParent();
        if (updatesDir != null && updatesDir.getFileName() != null
                && updatesDir.getFileName().toString().equals(BINARY + "-updates")
                && new InstalledUpdates(updatesDir, BINARY).isInstalledUpdate(path)) {
            return Optional.of(updatesDir.resolveSibling(path.getFileName()));
        }
        return Optional.of(path);
    }
}
