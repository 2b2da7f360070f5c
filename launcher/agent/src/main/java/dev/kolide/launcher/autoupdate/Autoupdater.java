package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Actor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps osqueryd and the launcher current (reference §1.7): after {@code --autoupdater_initial_delay}, then every
 * {@code --autoupdate_interval}, asks each binary's {@link UpdateSource} for a new build, installs it and puts it to
 * use. A failure is logged with what failed and tried again at the next interval: it never stops the launcher. The
 * one way this actor ends the launcher's run group is on purpose: a new launcher build was installed, and it throws
 * {@link RestartForUpdateException} so that the launcher exits cleanly to be started again on it.
 */
public final class Autoupdater implements Actor {
    private final Logger log = LoggerFactory.getLogger(Autoupdater.class);
    private final List<ManagedBinary> binaries;
    private final Duration initialDelay;
    private final Duration interval;
    private final CountDownLatch stop = new CountDownLatch(1);

    public Autoupdater(List<ManagedBinary> binaries, Duration initialDelay, Duration interval) {
        this.binaries = List.copyOf(binaries);
        this.initialDelay = requireNonNull(initialDelay, "initialDelay is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (initialDelay.isNegative() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the autoupdate interval must be positive and the initial delay not"
                    + " negative, not " + interval + " and " + initialDelay);
        }
    }

    @Override
    public void execute() throws InterruptedException, RestartForUpdateException {
        log.atInfo().addKeyValue("binaries", binaries.stream().map(ManagedBinary::name).toList())
                .addKeyValue("initial_delay", initialDelay).addKeyValue("interval", interval)
                .log("autoupdater started");
        Duration wait = initialDelay;
        while (!stop.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            checkAll();
            wait = interval;
        }
    }

    @Override
    public void interrupt(Throwable cause) {
        stop.countDown();
    }

    /**
     * Checks every binary once. The launcher's own restart waits until the others were checked, so an osqueryd
     * update found in the same round is not lost.
     */
    void checkAll() throws RestartForUpdateException {
        RestartForUpdateException restart = null;
        for (ManagedBinary binary : binaries) {
            try {
                check(binary);
            } catch (RestartForUpdateException e) {
                restart = e;
            }
        }
        if (restart != null) {
            log.atInfo().addKeyValue("reason", restart.getMessage()).log("stopping the launcher to restart it");
            throw restart;
        }
    }

    private void check(ManagedBinary binary) throws RestartForUpdateException {
        String step = "asking for an update";
        try {
            Files.createDirectories(binary.stagingDir());
            Optional<Path> archive = binary.source().fetchIfNewer(binary.target(), binary.stagingDir());
            if (archive.isEmpty()) {
                log.atDebug().addKeyValue("binary", binary.name()).addKeyValue("target", binary.target())
                        .log("no new update");
                return;
            }
            step = "installing the update";
            Path installed = binary.installer().install(archive.get());
            step = "switching to the update";
            binary.afterInstall().installed(installed);
        } catch (UpdateFailedException | IOException | RuntimeException e) {
            log.atWarn().addKeyValue("binary", binary.name()).addKeyValue("target", binary.target())
                    .addKeyValue("step", step).addKeyValue("error", e.getMessage())
                    .log("autoupdate failed; trying again at the next interval");
        } finally {
            emptyStaging(binary.stagingDir());
        }
    }

    /** Downloads are worth nothing once installed or refused; a full disk must not come from them. */
    private void emptyStaging(Path staging) {
        if (!Files.isDirectory(staging)) {
            return;
        }
        try (Stream<Path> entries = Files.list(staging)) {
            for (Path entry : entries.toList()) {
                Trees.delete(entry);
            }
        } catch (IOException e) {
            log.atWarn().addKeyValue("dir", staging).addKeyValue("error", e.toString())
                    .log("could not empty the update staging directory");
        }
    }
}
