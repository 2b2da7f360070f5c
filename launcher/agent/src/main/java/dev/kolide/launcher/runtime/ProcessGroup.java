package dev.kolide.launcher.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process in a process group of its own, killed as a group: osqueryd's workers and anything it started die
 * with it (reference §1.2).
 *
 * <p>Java cannot call setpgid(2), so the child starts through util-linux {@code setsid}: a freshly forked child is not
 * a group leader, so setsid makes a new session (and group) and execs the command without forking again; the pid
 * Java sees is the command's, and the group id equals it. Signals go to the group with {@code kill -SIG -- -pgid}.
 * Without setsid the child shares the launcher's group, and only the descendants the JVM can see are signalled
 * (orphans reparented to init escape).
 */
final class ProcessGroup {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private final Logger log = LoggerFactory.getLogger(ProcessGroup.class);
    private final Process process;
    private final boolean ownGroup;
    private final Optional<Path> kill;

    private ProcessGroup(Process process, boolean ownGroup, Optional<Path> kill) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.kill = kill;
    }

    /**
     * Starts {@code command}, in its own process group when {@code ownGroup} and setsid is installed.
     *
     * @throws IOException when the command cannot be started (a missing or non-executable binary)
     */
    static ProcessGroup start(List<String> command, boolean ownGroup, ProcessOutput stdout, ProcessOutput stderr)
            throws IOException {
        Optional<Path> setsid = ownGroup ? executable(SETSID) : Optional.empty();
        Optional<Path> kill = executable(KILL);
        List<String> argv = new ArrayList<>();
        boolean grouped = setsid.isPresent() && kill.isPresent();
        if (grouped) {
            argv.add(setsid.get().toString());
        }
        // setsid would report a missing binary only after the fork, as exit code 1: look first, for a clear error.
        Path binary = Path.of(command.get(0));
        if (binary.getParent() != null && !Files.isExecutable(binary)) {
            throw new IOException(binary + " does not exist or is not executable");
        }
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.redirect())
                .redirectError(stderr.redirect());
        Process process = builder.start();
        stdout.drain(process.getInputStream(), "stdout", process.pid());
        stderr.drain(process.getErrorStream(), "stderr", process.pid());
        return new ProcessGroup(process, grouped, kill);
    }

    private static Optional<Path> executable(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    long pid() {
        return process.pid();
    }

    /** Whether the child leads a process group of its own (its group id is its pid). */
    boolean ownGroup() {
        return ownGroup;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM to the group, up to {@code grace} for the leader to exit, then SIGKILL to whatever of the group is left
     * (always: workers may outlive their leader). Returns once the leader has exited. Idempotent.
     */
    void terminate(Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = ownGroup ? List.of() : process.descendants().toList();
        signal("TERM", descendants);
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.atWarn().addKeyValue("pid", pid()).addKeyValue("grace_ms", grace.toMillis())
                    .log("osqueryd did not exit after SIGTERM; killing its process group");
        } catch (ExecutionException e) {
            // onExit() does not fail
        }
        killRemains(descendants);
        process.waitFor();
    }

    /** SIGKILL to the group: after the leader died on its own, its workers and children may still run. */
    void killRemains() throws InterruptedException {
        killRemains(ownGroup ? List.of() : process.descendants().toList());
    }

    private void killRemains(List<ProcessHandle> descendants) throws InterruptedException {
        signal("KILL", descendants);
        process.waitFor();
    }

    private void signal(String signal, List<ProcessHandle> descendants) throws InterruptedException {
        if (ownGroup) {
            signalGroup(signal);
            return;
        }
        boolean force = signal.equals("KILL");
        for (ProcessHandle handle : descendants) {
            if (force) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    private void signalGroup(String signal) throws InterruptedException {
        List<String> argv = List.of(kill.orElseThrow().toString(), "-" + signal, "--", "-" + pid());
        try {
            Process killer = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!killer.waitFor(5, TimeUnit.SECONDS)) {
                killer.destroyForcibly();
            }
            // A non-zero exit is usual: the group is already gone (ESRCH).
        } catch (IOException e) {
            log.atWarn().addKeyValue("pid", pid()).addKeyValue("signal", signal)
                    .log("running kill for osqueryd's process group failed; signalling the leader only: {}",
                            e.toString());
            if (signal.equals("KILL")) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
    }

    /** "exit code 3", or "killed by signal 9 (exit code 137)" as a shell reports it. */
    static String describeExit(int code) {
        if (code > 128 && code < 128 + 65) {
            return "killed by signal " + (code - 128) + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }
}
