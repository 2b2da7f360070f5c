package dev.kolide.launcher.runtime;

import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an osqueryd that did not exit cleanly leaves behind, and would stop the next one (issues #1210, #2041): its
 * socket file, the extensions' {@code <socket>.<uuid>} files, and a pidfile naming a dead process. Files something
 * still answers on or names a live process are left alone: that osqueryd reports the conflict itself.
 *
 * <p>One live process is not left alone: an osqueryd started with this very pidfile, orphaned because the launcher
 * that started it was killed (osqueryd runs in its own process group, so it outlives a SIGKILLed launcher). Its
 * command line proves it is ours, whatever pid reuse did, and it would hold the database lock and the socket
 * forever; it is stopped (TERM, then KILL) with its children.
 */
final class StaleFiles {
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(5);

    private final Logger log = LoggerFactory.getLogger(StaleFiles.class);

    /** Removes the stale socket files and pidfile; returns how many files it removed. */
    int clean(Path socket, Path pidfile) throws IOException {
        stopOrphan(pidfile);
        int removed = 0;
        if (removeSocketIfDead(socket)) {
            removed++;
        }
        Path dir = socket.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            String prefix = socket.getFileName() + ".";
            try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, prefix + "*")) {
                for (Path sibling : siblings) {
                    String suffix = sibling.getFileName().toString().substring(prefix.length());
                    if (suffix.matches("\\d+") && removeSocketIfDead(sibling)) {
                        removed++;
                    }
                }
            }
        }
        if (removePidfileIfDead(pidfile)) {
            removed++;
        }
        return removed;
    }

    private boolean removeSocketIfDead(Path socket) throws IOException {
        if (!Files.exists(socket) || answers(socket)) {
            return false;
        }
        Files.deleteIfExists(socket);
        log.atInfo().addKeyValue("path", socket).log("removed a stale osquery socket");
        return true;
    }

    private static boolean answers(Path socket) {
        try (UnixSocketTransport ignored = UnixSocketTransport.connect(socket, PROBE_TIMEOUT)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean removePidfileIfDead(Path pidfile) throws IOException {
        if (!Files.exists(pidfile)) {
            return false;
        }
        Optional<Long> pid = readPid(pidfile);
        if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            log.atWarn().addKeyValue("path", pidfile).addKeyValue("pid", pid.get())
                    .log("the osquery pidfile names a live process; leaving it");
            return false;
        }
        Files.deleteIfExists(pidfile);
        log.atInfo().addKeyValue("path", pidfile).addKeyValue("pid", pid.map(String::valueOf).orElse("unreadable"))
                .log("removed a stale osquery pidfile");
        return true;
    }

    /** Stops a live process whose command line names {@code pidfile}: an osqueryd a dead launcher left running. */
    private void stopOrphan(Path pidfile) throws IOException {
        if (!Files.exists(pidfile)) {
            return;
        }
        Optional<ProcessHandle> process = readPid(pidfile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        String marker = "--pidfile=" + pidfile.toAbsolutePath();
        boolean ours = process.get().info().arguments()
                .map(args -> java.util.Arrays.asList(args).contains(marker)).orElse(false);
        if (!ours) {
            return;
        }
        ProcessHandle orphan = process.get();
        log.atWarn().addKeyValue("pid", orphan.pid()).addKeyValue("pidfile", pidfile)
                .log("stopping an osqueryd left running by a launcher that did not shut down");
        List<ProcessHandle> children = orphan.descendants().toList();
        orphan.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            orphan.onExit().get(ORPHAN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            orphan.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            orphan.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static Optional<Long> readPid(Path pidfile) throws IOException {
        String text = new String(Files.readAllBytes(pidfile), StandardCharsets.UTF_8).strip();
        if (!text.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
