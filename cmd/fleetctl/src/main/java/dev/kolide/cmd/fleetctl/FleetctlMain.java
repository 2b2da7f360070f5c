package dev.kolide.cmd.fleetctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.version.BuildInfo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command-line client of fleet's REST API. Unlike the other programs, {@code --config} names fleetctl's
 * context file (as in Kolide's fleetctl), not a flag file, so it is taken out of the arguments before
 * {@link Program} (which would read it as a flag file) sees them.
 */
@Command(name = "fleetctl", mixinStandardHelpOptions = true,
        description = "The command-line client of fleet's REST API.",
        subcommands = {SetupCommand.class, LoginCommand.class, LogoutCommand.class, ConfigCommand.class,
            GetCommand.class, ApplyCommand.class, DeleteCommand.class, ConvertCommand.class, QueryCommand.class})
public final class FleetctlMain {
    static final String ENV_PREFIX = "KOLIDE_FLEETCTL_";

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "fleetctl's context file (default: ~/.fleet/config, or KOLIDE_FLEETCTL_CONFIG).")
    private Path config;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream stdout, PrintStream stderr) {
        BuildInfo buildInfo = BuildInfo.load(FleetctlMain.class, "fleetctl");
        PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
        ConfigArgument config = ConfigArgument.extract(args);
        if (config.missingValue()) {
            err.println("fleetctl: flag --config needs a file name");
            err.flush();
            return Program.EXIT_USAGE;
        }
        Map<String, String> programEnv = new HashMap<>(env);
        // Program would read this as a flag file; here it names the context file.
        String envConfig = programEnv.remove(ENV_PREFIX + "CONFIG");
        Path configPath = config.path() != null ? Path.of(config.path())
                : envConfig != null && !envConfig.isBlank() ? Path.of(envConfig) : defaultConfigPath(env);
        Fleetctl fleetctl = new Fleetctl(new ConfigStore(configPath), out, err,
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), Clock.systemUTC());
        Program program = new Program(buildInfo, ENV_PREFIX, programEnv, out, err, new ObjectMapper());
        return program.run(new FleetctlMain(), new FleetctlCommands(fleetctl), config.remaining());
    }

    private static Path defaultConfigPath(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".fleet", "config");
    }

    /** {@code --config FILE} / {@code --config=FILE} (or one dash) before any {@code --}, and the other arguments. */
    record ConfigArgument(String path, boolean missingValue, String[] remaining) {
        static ConfigArgument extract(String[] args) {
            List<String> rest = new ArrayList<>();
            String path = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if ("--".equals(arg)) {
                    rest.addAll(List.of(args).subList(i, args.length));
                    break;
                }
                if ("--config".equals(arg) || "-config".equals(arg)) {
                    if (i + 1 >= args.length) {
                        return new ConfigArgument(null, true, args);
                    }
                    path = args[++i];
                } else if (arg.startsWith("--config=") || arg.startsWith("-config=")) {
                    path = arg.substring(arg.indexOf('=') + 1);
                } else {
                    rest.add(arg);
                }
            }
            return new ConfigArgument(path, false, rest.toArray(String[]::new));
        }
    }
}
