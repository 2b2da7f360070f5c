package dev.kolide.fleet.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs fleet's flags through kit's Program, as cmd/fleet will: environment prefix KOLIDE_, --config file. */
final class ConfigHarness {
    /** At least 32 bytes, as HS256 needs. */
    static final String JWT_KEY = "test-jwt-key-0123456789abcdefghij";

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    int exitCode;

    /** A serve-like command that only builds the configuration. */
    @Command(name = "fleet")
    static final class Serve implements Callable<Integer> {
        @Mixin
        FleetFlags flags;

        private final SecureRandom random;
        FleetConfig config;

        Serve(SecureRandom random) {
            this.random = random;
        }

        @Override
        public Integer call() {
            config = FleetConfig.from(flags, random);
            return 0;
        }
    }

    /** The configuration {@code args} and {@code env} give, or null when the program failed (see {@link #err}). */
    FleetConfig config(Map<String, String> env, String... args) {
        Serve serve = new Serve(new SecureRandom());
        exitCode = program(env).run(serve, args);
        return serve.config;
    }

    /** Runs {@code command} (config_dump, say) with {@code args}; the output is in {@link #out}. */
    int run(Object command, Map<String, String> env, String... args) {
        exitCode = program(env).run(command, args);
        return exitCode;
    }

    /** A command that only parses. */
    @Command(name = "fleet")
    static final class ParseOnly implements Callable<Integer> {
        @Mixin
        FleetFlags flags;

        @Override
        public Integer call() {
            return 0;
        }
    }

    /** The raw flags after parsing, before any check. */
    FleetFlags flags(Map<String, String> env, String... args) {
        ParseOnly command = new ParseOnly();
        exitCode = program(env).run(command, args);
        return command.flags;
    }

    private Program program(Map<String, String> env) {
        return new Program(BuildInfo.unknown("fleet"), "KOLIDE_", env, new PrintWriter(out), new PrintWriter(err),
                new ObjectMapper());
    }
}
