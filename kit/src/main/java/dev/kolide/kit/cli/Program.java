package dev.kolide.kit.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.flags.FlagDefaults;
import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.flags.FlagFile;
import dev.kolide.kit.flags.GoStyleArgs;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.kit.version.VersionCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;

/**
 * Runs one program's picocli command the same way for every program: a {@code version} subcommand and
 * {@code --version}, {@code --help} everywhere, flags from the environment ({@code <envPrefix><FLAG>}) and from a
 * {@code --config} flag file, Go's single-dash spelling, and exit codes: 0 success, 1 failure, 2 bad usage.
 */
public final class Program {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    private final BuildInfo buildInfo;
    private final String envPrefix;
    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json;
    private final boolean lastFlagWins;

    /**
     * @param buildInfo the program's stamped build info; its name is the command name
     * @param envPrefix e.g. {@code KOLIDE_LAUNCHER_}; fleet uses {@code KOLIDE_}
     * @param env the process environment
     */
    public Program(BuildInfo buildInfo, String envPrefix, Map<String, String> env, PrintWriter out, PrintWriter err,
            ObjectMapper json) {
        this(buildInfo, envPrefix, env, out, err, json, false);
    }

    private Program(BuildInfo buildInfo, String envPrefix, Map<String, String> env, PrintWriter out, PrintWriter err,
            ObjectMapper json, boolean lastFlagWins) {
        this.buildInfo = requireNonNull(buildInfo, "buildInfo is null");
        this.envPrefix = requireNonNull(envPrefix, "envPrefix is null");
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.json = requireNonNull(json, "json is null");
        this.lastFlagWins = lastFlagWins;
    }

    /**
     * This program, taking a flag given twice at its last value instead of refusing it: gflags' rule, which
     * programs standing in for osqueryd must follow (launchers append overrides to their defaults).
     */
    public Program withLastFlagWinning() {
        return new Program(buildInfo, envPrefix, env, out, err, json, true);
    }

    /** The picocli command line for {@code command}, with the shared subcommands, provider and streams set up. */
    public CommandLine commandLine(Object command, FlagFile flagFile) {
        return commandLine(command, CommandLine.defaultFactory(), flagFile);
    }

    /**
     * As {@link #commandLine(Object, FlagFile)}, with {@code factory} creating the annotated subcommands: the way
     * a main hands its objects (clock, random source, streams) to subcommands without static state.
     */
    public CommandLine commandLine(Object command, CommandLine.IFactory factory, FlagFile flagFile) {
        CommandLine cli = new CommandLine(command, requireNonNull(factory, "factory is null"));
        cli.setCommandName(buildInfo.program());
        if (!cli.getSubcommands().containsKey("version")) {
            cli.addSubcommand("version", new VersionCommand(buildInfo, json));
        }
        if (!cli.getSubcommands().containsKey("help")) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.getCommandSpec().versionProvider(versionProvider());
        FlagDefaults defaults = new FlagDefaults(envPrefix, env, flagFile);
        cli.setDefaultValueProvider(defaults);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(lastFlagWins);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println(buildInfo.program() + ": " + Failures.describe(e));
            err.flush();
            return EXIT_FAILURE;
        });
        defaults.checkFileAgainst(cli.getCommandSpec());
        return cli;
    }

    private IVersionProvider versionProvider() {
        return () -> new String[] {buildInfo.toShortText()};
    }

    /** Parses {@code args}, runs the chosen command and returns the process exit code. */
    public int run(Object command, String[] args) {
        return run(command, CommandLine.defaultFactory(), args);
    }

    /** As {@link #run(Object, String[])}, with {@code factory} creating the annotated subcommands. */
    public int run(Object command, CommandLine.IFactory factory, String[] args) {
        requireNonNull(command, "command is null");
        requireNonNull(args, "args is null");
        CommandLine cli;
        String[] normalized;
        try {
            FlagFile flagFile = flagFile(args);
            cli = commandLine(command, factory, flagFile);
            normalized = GoStyleArgs.normalize(cli.getCommandSpec(), args);
        } catch (FlagException e) {
            err.println(buildInfo.program() + ": " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        cli.setParameterExceptionHandler(this::usageError);
        int code = cli.execute(normalized);
        out.flush();
        err.flush();
        return code;
    }

    private FlagFile flagFile(String[] args) {
        String path = GoStyleArgs.findConfigPath(args);
        if (path == null) {
            path = env.get(envPrefix + "CONFIG");
        }
        if (path == null || path.isBlank()) {
            return FlagFile.empty();
        }
        return FlagFile.read(Path.of(path));
    }

    private int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        // A flag error from the environment or flag file reaches us wrapped by picocli: show its own message.
        Throwable cause = e.getCause();
        String message = cause instanceof FlagException ? cause.getMessage() : e.getMessage();
        err.println(buildInfo.program() + ": " + message);
        if (!(cause instanceof FlagException)) {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return EXIT_USAGE;
    }
}
