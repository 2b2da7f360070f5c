package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One binary the autoupdater keeps current: where its updates come from ({@code source}, {@code target}), where
 * they are staged and installed, and what to do once one is installed ({@code afterInstall}).
 */
public record ManagedBinary(String name, String target, UpdateSource source, Path stagingDir,
        UpdateInstaller installer, AfterInstall afterInstall) {

    public ManagedBinary {
        requireNonNull(name, "name is null");
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        requireNonNull(stagingDir, "stagingDir is null");
        requireNonNull(installer, "installer is null");
        requireNonNull(afterInstall, "afterInstall is null");
    }

    /** Puts an installed update to use: restart osqueryd on it, or restart the launcher. */
    @FunctionalInterface
    public interface AfterInstall {
        /**
         * @throws RestartForUpdateException when the whole launcher must restart to run {@code installedBinary}
         */
        void installed(Path installedBinary) throws RestartForUpdateException;
    }
}
