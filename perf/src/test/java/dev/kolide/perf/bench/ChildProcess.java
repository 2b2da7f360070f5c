package dev.kolide.perf.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A program the benchmark runs: output to a log file, waited for by a line, stopped with SIGTERM then SIGKILL. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(List<String> command, Path log, Map<String, String> environment) throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new ChildProcess(process, log);
    }

    /** Runs {@code command} to the end; fails with its log unless it exits 0 within {@code timeout}. */
    static void run(List<String> command, Path log, Duration timeout) throws Exception {
        try (ChildProcess child = start(command, log, Map.of())) {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || child.process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + Files.readString(log));
            }
        }
    }

    /** Waits for a log line matching {@code pattern}; answers its first group. */
    String await(Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(log));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(log + ": the program exited (" + process.exitValue() + ") before \""
                        + pattern + "\":\n" + tail());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(log + ": no \"" + pattern + "\" within " + timeout + ":\n" + tail());
    }

    /** The process id; the programs in build/ exec java, so it is the JVM's. */
    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    private String tail() throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
