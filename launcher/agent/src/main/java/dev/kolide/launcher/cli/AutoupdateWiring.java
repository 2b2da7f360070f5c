package dev.kolide.launcher.cli;

import dev.kolide.launcher.autoupdate.Autoupdater;
import dev.kolide.launcher.autoupdate.InstalledUpdates;
import dev.kolide.launcher.autoupdate.ManagedBinary;
import dev.kolide.launcher.autoupdate.RestartForUpdateException;
import dev.kolide.launcher.autoupdate.RunningLauncher;
import dev.kolide.launcher.autoupdate.UpdateFailedException;
import dev.kolide.launcher.autoupdate.UpdateInstaller;
import dev.kolide.launcher.autoupdate.UpdateSource;
import dev.kolide.launcher.autoupdate.UpdateSourceFactory;
import dev.kolide.launcher.autoupdate.UpdateTargets;
import dev.kolide.launcher.autoupdate.UpdatesDirectory;
import dev.kolide.launcher.runtime.OsqueryInstance;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Autoupdater} of a launcher run with {@code --autoupdate}: osqueryd (restarted on its update)
 * and, when it runs as the single-file program in a writable directory, the launcher itself (which exits to be
 * restarted on its update). Anything missing turns autoupdate off for that binary with a log line, never the
 * launcher off.
 */
final class AutoupdateWiring {
    static final String OSQUERYD = "osqueryd";

    private final Logger log = LoggerFactory.getLogger(AutoupdateWiring.class);
    private final LauncherOptions options;
    private final Path root;
    private final UpdateSourceFactory sources;
    private final Clock clock;

    AutoupdateWiring(LauncherOptions options, Path root, UpdateSourceFactory sources, Clock clock) {
        this.options = options;
        this.root = root;
        this.sources = sources;
        this.clock = clock;
    }

    /** Where osqueryd's updates are installed (also when autoupdate is off: installed ones are still run). */
    static InstalledUpdates osquerydUpdates(LauncherOptions options, Path root) {
        return new InstalledUpdates(UpdatesDirectory.choose(options.osquerydPath(), OSQUERYD, root), OSQUERYD);
    }

    /** The autoupdater, or empty when nothing can be updated. */
    Optional<Autoupdater> autoupdater(InstalledUpdates osqueryd, Supplier<OsqueryInstance> runtime) {
        UpdateTargets targets;
        try {
            targets = options.autoupdate().targets();
        } catch (IllegalArgumentException e) {
            log.atError().addKeyValue("error", e.getMessage()).log("autoupdate is off");
            return Optional.empty();
        }
        List<ManagedBinary> binaries = new ArrayList<>();
        managed(targets, OSQUERYD, osqueryd.updatesDir(), binary -> runtime.get().restart()).ifPresent(binaries::add);
        Optional<Path> launcher = RunningLauncher.originalBinary(Launcher.class);
        Path launcherUpdates = launcher.map(p -> UpdatesDirectory.besideBinary(p, RunningLauncher.BINARY)).orElse(null);
        if (launcherUpdates == null || !UpdatesDirectory.writable(launcherUpdates)) {
            // the launch stub only looks beside the program, so there is no fallback under the root directory
            log.atInfo().addKeyValue("program", launcher.map(Path::toString).orElse("not the single-file program"))
                    .addKeyValue("updates_dir", launcherUpdates)
                    .log("the launcher does not update itself: it needs the single-file program in a writable dir");
        } else {
            managed(targets, RunningLauncher.BINARY, launcherUpdates, binary -> {
                throw new RestartForUpdateException(binary);
            }).ifPresent(binaries::add);
        }
        if (binaries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Autoupdater(binaries, options.autoupdate().initialDelay(),
                options.autoupdate().interval()));
    }

    private Optional<ManagedBinary> managed(UpdateTargets targets, String binary, Path updatesDir,
            ManagedBinary.AfterInstall afterInstall) {
        UpdateSource source;
        try {
            source = sources.open(targets.gun(binary), root.resolve(binary + "-tuf"));
        } catch (UnsupportedOperationException | UpdateFailedException e) {
            log.atError().addKeyValue("binary", binary).addKeyValue("gun", targets.gun(binary))
                    .addKeyValue("error", e.getMessage()).log("autoupdate is off for this binary");
            return Optional.empty();
        }
        log.atInfo().addKeyValue("binary", binary).addKeyValue("gun", targets.gun(binary))
                .addKeyValue("target", targets.target(binary)).addKeyValue("updates_dir", updatesDir)
                .log("autoupdate on");
        return Optional.of(new ManagedBinary(binary, targets.target(binary), source,
                root.resolve(binary + "-staging"), new UpdateInstaller(binary, updatesDir, clock), afterInstall));
    }
}
