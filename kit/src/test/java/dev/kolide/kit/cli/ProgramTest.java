package dev.kolide.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.flags.FlagDefaults;
import dev.kolide.kit.flags.GoDuration;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ProgramTest {
    private static final BuildInfo INFO = new BuildInfo("launcher", "v0.1.0", "main",
            "0123456789abcdef0123456789abcdef01234567", "2026-11-27T00:00:00Z", "ci", "17.0.15");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A launcher-like command that records what it was given. */
    @Command(name = "launcher", mixinStandardHelpOptions = true)
    static final class Agent implements Callable<Integer> {
        @Mixin
        ConfigFileOption config;

        @Option(names = "--hostname", description = "fleet's host:port")
        String hostname;

        @Option(names = "--root_directory", defaultValue = "/default/root")
        String rootDirectory;

        @Option(names = "--debug")
        boolean debug;

        @Option(names = "--logging_interval", defaultValue = "60s", converter = GoDuration.class)
        Duration loggingInterval;

        @Option(names = "--osquery_flag", split = FlagDefaults.REPEATED)
        List<String> osqueryFlags = new ArrayList<>();

        @Override
        public Integer call() {
            return 0;
        }
    }

    private int run(Agent agent, Map<String, String> env, String... args) {
        Program program = new Program(INFO, "KOLIDE_LAUNCHER_", env, new PrintWriter(out), new PrintWriter(err),
                new ObjectMapper());
        return program.run(agent, args);
    }

    /**
     * Where --hostname comes from when it is set in some of the four places. "-" means "not set there".
     */
    @ParameterizedTest(name = "cli={0} env={1} file={2} -> {3}")
    @CsvSource({
        "cli,  env,  file, cli",
        "cli,  -,    file, cli",
        "cli,  env,  -,    cli",
        "-,    env,  file, env",
        "-,    env,  -,    env",
        "-,    -,    file, file",
        "-,    -,    -,    ",
    })
    void commandLineBeatsEnvironmentBeatsFlagFileBeatsDefault(String cli, String env, String file, String expected)
            throws Exception {
        Path flags = Files.writeString(dir.resolve("launcher.flags"), "-".equals(file) ? "" : "hostname file\n");
        Map<String, String> environment = new HashMap<>();
        if (!"-".equals(env)) {
            environment.put("KOLIDE_LAUNCHER_HOSTNAME", "env");
        }
        List<String> args = new ArrayList<>(List.of("--config", flags.toString()));
        if (!"-".equals(cli)) {
            args.add("--hostname=cli");
        }
        Agent agent = new Agent();
        assertThat(run(agent, environment, args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(agent.hostname).isEqualTo(expected);
    }

    @Test
    void aRepeatedFlagIsRefusedUnlessTheLastOneWins() {
        assertThat(run(new Agent(), Map.of(), "--hostname=a", "--hostname=b")).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("should be specified only once");

        Agent agent = new Agent();
        Program gflagsStyle = new Program(INFO, "KOLIDE_LAUNCHER_", Map.of(), new PrintWriter(out),
                new PrintWriter(err), new ObjectMapper()).withLastFlagWinning();
        assertThat(gflagsStyle.run(agent, new String[] {"--hostname=a", "--debug", "--hostname=b", "--debug"}))
                .isZero();
        assertThat(agent.hostname).isEqualTo("b");
        assertThat(agent.debug).isTrue();
    }

    @Test
    void annotatedDefaultsApplyWhenNothingElseSetsTheFlag() {
        Agent agent = new Agent();
        assertThat(run(agent, Map.of())).isZero();
        assertThat(agent.rootDirectory).isEqualTo("/default/root");
        assertThat(agent.loggingInterval).isEqualTo(Duration.ofSeconds(60));
        assertThat(agent.debug).isFalse();
        assertThat(agent.osqueryFlags).isEmpty();
    }

    @Test
    void flagFileSetsBareBooleansDurationsAndRepeatedFlags() throws Exception {
        Path flags = Files.writeString(dir.resolve("launcher.flags"), """
                # comment
                debug
                logging_interval 5m
                osquery_flag verbose=true
                osquery_flag logger_min_status=1
                """);
        Agent agent = new Agent();
        assertThat(run(agent, Map.of(), "-config", flags.toString())).as(err.toString()).isZero();
        assertThat(agent.debug).isTrue();
        assertThat(agent.loggingInterval).isEqualTo(Duration.ofMinutes(5));
        assertThat(agent.osqueryFlags).containsExactly("verbose=true", "logger_min_status=1");
    }

    @Test
    void configFileCanBeNamedByTheEnvironment() throws Exception {
        Path flags = Files.writeString(dir.resolve("launcher.flags"), "hostname from-env-file\n");
        Agent agent = new Agent();
        assertThat(run(agent, Map.of("KOLIDE_LAUNCHER_CONFIG", flags.toString()))).isZero();
        assertThat(agent.hostname).isEqualTo("from-env-file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"true, true", "1, true", "yes, true", "FALSE, false", "0, false"})
    void booleanEnvironmentValuesAreUnderstood(String value, boolean expected) {
        Agent agent = new Agent();
        assertThat(run(agent, Map.of("KOLIDE_LAUNCHER_DEBUG", value))).isZero();
        assertThat(agent.debug).isEqualTo(expected);
    }

    @Test
    void goStyleSingleDashLongFlagsAreAccepted() {
        Agent agent = new Agent();
        assertThat(run(agent, Map.of(), "-hostname", "a:443", "-root_directory=/r", "-debug")).isZero();
        assertThat(agent.hostname).isEqualTo("a:443");
        assertThat(agent.rootDirectory).isEqualTo("/r");
        assertThat(agent.debug).isTrue();
    }

    @Test
    void aBadBooleanInTheEnvironmentIsAUsageErrorNamingTheVariable() {
        assertThat(run(new Agent(), Map.of("KOLIDE_LAUNCHER_DEBUG", "maybe"))).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString())
                .contains("launcher: environment variable KOLIDE_LAUNCHER_DEBUG: \"maybe\" is not a boolean");
    }

    @Test
    void anUnknownFlagInTheFileIsAUsageError() throws Exception {
        Path flags = Files.writeString(dir.resolve("launcher.flags"), "hostnme typo\n");
        assertThat(run(new Agent(), Map.of(), "--config", flags.toString())).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("flag file " + flags + ": unknown flag \"hostnme\"");
    }

    @Test
    void aValuelessNonBooleanLineInTheFileIsAUsageError() throws Exception {
        Path flags = Files.writeString(dir.resolve("launcher.flags"), "hostname\n");
        assertThat(run(new Agent(), Map.of(), "--config", flags.toString())).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("flag hostname needs a value");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        assertThat(run(new Agent(), Map.of(), "--config", dir.resolve("missing").toString()))
                .isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void unknownOptionsAreUsageErrorsWithAHint() {
        assertThat(run(new Agent(), Map.of(), "--hostnam", "x")).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("Unknown option", "--hostname", "Run 'launcher --help' for usage.");
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThat(run(new Agent(), Map.of(), "--logging_interval", "soon")).isEqualTo(Program.EXIT_USAGE);
        assertThat(err.toString()).contains("\"soon\" is not a duration").doesNotContain("Exception");
    }

    @Test
    void helpListsEveryFlagAndTheSharedSubcommands() {
        assertThat(run(new Agent(), Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--hostname", "--root_directory", "--debug",
                "--logging_interval", "--osquery_flag", "version", "help");
    }

    @Test
    void versionSubcommandAndFlagBothAnswer() {
        assertThat(run(new Agent(), Map.of(), "version")).isZero();
        assertThat(out.toString()).startsWith("launcher - version v0.1.0");
        assertThat(run(new Agent(), Map.of(), "--version")).isZero();
        assertThat(out.toString()).contains("launcher - version v0.1.0\n");
    }

    @Command(name = "tool")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("loading config",
                    new java.io.IOException("permission denied: /etc/x"));
        }
    }

    @Test
    void aFailingCommandExitsOneWithTheWholeStoryAndNoStackTrace() {
        assertThat(new Program(INFO, "KOLIDE_X_", Map.of(), new PrintWriter(out), new PrintWriter(err),
                new ObjectMapper()).run(new Failing(), new String[0])).isEqualTo(Program.EXIT_FAILURE);
        assertThat(err.toString()).isEqualTo("launcher: loading config: permission denied: /etc/x\n");
    }
}
