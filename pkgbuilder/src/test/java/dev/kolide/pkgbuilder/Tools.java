package dev.kolide.pkgbuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The validators the tests run (dpkg-deb, lintian, rpm, rpmlint, msiinfo, wixl, ...). A missing tool skips the
 * test, except under CI (the {@code CI} variable set), where it fails: CI must not pass by skipping.
 */
public final class Tools {
    private Tools() {}

    public record Result(int exitCode, String output) {
        /** Asserts exit 0 and returns the output (stdout and stderr together). */
        public String ok() {
            assertThat(exitCode).as(output).isZero();
            return output;
        }
    }

    public static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips (or, under CI, fails) unless every tool is on PATH. */
    public static void require(String... tools) {
        for (String tool : tools) {
            if (installed(tool)) {
                continue;
            }
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail(tool + " is not installed, and CI is set: install it (.ci/run lists the packages)");
            }
            assumeTrue(false, tool + " is not installed");
        }
    }

    /** Runs {@code command} in {@code dir}, stdout and stderr merged, 2 minutes at most. */
    public static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a shell pipeline (for {@code rpm2cpio x | cpio -idm}). */
    public static Result sh(Path dir, String script) throws IOException, InterruptedException {
        return run(dir, "/bin/sh", "-c", script);
    }
}
