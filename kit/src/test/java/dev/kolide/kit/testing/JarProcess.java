package dev.kolide.kit.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged program run as its own JVM, output to a file, with no KOLIDE_* variables from the test's environment. */
public final class JarProcess {
    private JarProcess() {}

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static Process start(Path jar, List<String> args, Path log, Path home) throws IOException {
        return start(jar, args, log, home, Map.of());
    }

    public static Process start(Path jar, List<String> args, Path log, Path home, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Stops {@code process} with SIGTERM, then SIGKILL if it lingers. */
    public static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
