package dev.kolide.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every program's packaged jar must do, run as a separate process the way users run it. Each cmd module
 * extends this in an integration test (run by failsafe after the jar is built).
 */
public abstract class ProgramJarContract {
    /** The program's name: its jar is {@code target/<name>.jar}. */
    protected abstract String program();

    protected record Result(int exitCode, String stdout, String stderr) {}

    /**
     * Whether the program refuses flags it does not know (exit 2 with a hint). True for every program but
     * osqueryd-lite, which must accept osquery's flags that it does not implement, with a warning, as launcher
     * passes them through.
     */
    protected boolean rejectsUnknownFlags() {
        return true;
    }

    protected Path jar() {
        return Path.of("target", program() + ".jar");
    }

    protected Result run(String... args) throws IOException, InterruptedException {
        assertThat(jar()).as("the packaged program").isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        Path out = Files.createTempFile(program(), ".out");
        Path err = Files.createTempFile(program(), ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(program() + " " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void helpExitsZeroWithUsageAndTheVersionSubcommand() throws Exception {
        Result result = run("--help");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Usage: " + program(), "--config", "version", "help");
    }

    @Test
    void versionJsonIsStampedFromThisCheckout() throws Exception {
        Result result = run("version", "--json");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode info = new ObjectMapper().readTree(result.stdout());
        assertThat(info.get("program").asText()).isEqualTo(program());
        assertThat(info.get("revision").asText()).matches("[0-9a-f]{40}");
        String head = gitHead();
        if (head != null) {
            assertThat(info.get("revision").asText()).isEqualTo(head);
        }
        assertThat(info.get("build_date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(info.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(info.get("branch").asText()).isNotBlank();
        assertThat(info.get("build_user").asText()).isNotBlank();
        assertThat(info.get("java_version").asText()).isNotBlank();
    }

    @Test
    void versionTextStartsWithProgramAndVersion() throws Exception {
        Result result = run("version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith(program() + " - version ").contains("revision:", "build date:");
    }

    @Test
    void anUnknownFlagExitsTwoWithAHintAndNoStackTrace() throws Exception {
        assumeTrue(rejectsUnknownFlags(), program() + " accepts unknown flags by design");
        Result result = run("--no-such-flag");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Unknown option: '--no-such-flag'", "--help")
                .doesNotContain("Exception", "\tat ");
    }

    private static String gitHead() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    }
}
