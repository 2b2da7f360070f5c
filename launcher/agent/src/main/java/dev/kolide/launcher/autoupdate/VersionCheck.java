package dev.kolide.launcher.autoupdate;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <binary> --version} before a build is installed (reference §1.7): a binary that cannot even say its
 * version (wrong architecture, missing libraries, truncated) must never replace a working one.
 */
final class VersionCheck {
    private static final int MAX_OUTPUT_CHARS = 2_000;

    private final Duration timeout;

    VersionCheck(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * The binary's output (stdout and stderr, trimmed).
     *
     * @throws UpdateRefusedException when it exits non-zero, does not finish within the timeout, or cannot run;
     *     the message carries its output
     */
    String check(Path binary, Path scratchDir) throws UpdateRefusedException {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile(scratchDir, ".version-", ".out");
            process = new ProcessBuilder(List.of(binary.toString(), "--version"))
                    .directory(binary.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new UpdateRefusedException(binary.getFileName() + " --version did not finish within "
                        + timeout.toMillis() + " ms; output: " + read(output));
            }
            String text = read(output);
            if (process.exitValue() != 0) {
                throw new UpdateRefusedException(binary.getFileName() + " --version exited with "
                        + process.exitValue() + "; output: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UpdateRefusedException("running " + binary.getFileName() + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            if (process != null) {
                kill(process);
            }
            Thread.currentThread().interrupt();
            throw new UpdateRefusedException("interrupted while running " + binary.getFileName() + " --version", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a scratch file in a directory the caller deletes anyway
                }
            }
        }
    }

    /** The children first: a script's {@code sleep} would otherwise outlive its shell. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path output) throws IOException {
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_OUTPUT_CHARS ? text : text.substring(0, MAX_OUTPUT_CHARS) + "...";
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
