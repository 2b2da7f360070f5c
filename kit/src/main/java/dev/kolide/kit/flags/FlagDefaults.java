package dev.kolide.kit.flags;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option values that are not on the command line, from the environment and then from a flag file:
 * <b>command line &gt; environment &gt; flag file &gt; the option's default</b>. Picocli asks this provider only for
 * options the command line did not set, which gives the first step of that order.
 *
 * <p>An option {@code --root_directory} of a program with prefix {@code KOLIDE_LAUNCHER_} reads
 * {@code KOLIDE_LAUNCHER_ROOT_DIRECTORY}, then the file line {@code root_directory VALUE}. A bare line
 * ({@code debug}) sets a boolean option. A repeatable option collects every line of the file; it must declare
 * {@code split = FlagDefaults.REPEATED} so the lines reach it as separate values.
 */
public final class FlagDefaults implements IDefaultValueProvider {
    /** The split regex for repeatable options that can also come from a file or the environment. */
    public static final String REPEATED = "\\n";

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

    private final String envPrefix;
    private final Map<String, String> env;
    private final FlagFile file;

    /**
     * @param envPrefix e.g. {@code KOLIDE_LAUNCHER_}, or {@code KOLIDE_} for fleet
     * @param env the process environment, passed in from main
     * @param file the flag file, or {@link FlagFile#empty()}
     */
    public FlagDefaults(String envPrefix, Map<String, String> env, FlagFile file) {
        this.envPrefix = requireNonNull(envPrefix, "envPrefix is null");
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
        this.file = requireNonNull(file, "file is null");
    }

    /** The flag's name without dashes: its longest name, which is the one Kolide's programs spell. */
    public static String flagName(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable that sets {@code flagName}. */
    public String envName(String flagName) {
        return envPrefix + flagName.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String name = flagName(option);
        String envName = envName(name);
        String fromEnv = env.get(envName);
        if (fromEnv != null) {
            return normalize(option, fromEnv, "environment variable " + envName);
        }
        List<String> lines = file.values(name);
        if (lines.isEmpty()) {
            return null;
        }
        String where = "flag file " + file.source().map(Object::toString).orElse("") + ", flag " + name;
        if (lines.size() > 1 && !isRepeatable(option)) {
            // Kolide's flag files let the last line win for single flags; keep that, it is what users expect.
            return normalize(option, lines.get(lines.size() - 1), where);
        }
        if (isRepeatable(option)) {
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                if (line == null) {
                    throw new FlagException(where + " needs a value");
                }
                if (joined.length() > 0) {
                    joined.append('\n');
                }
                joined.append(line);
            }
            return joined.toString();
        }
        return normalize(option, lines.get(0), where);
    }

    private static boolean isRepeatable(OptionSpec option) {
        return option.isMultiValue() && REPEATED.equals(option.splitRegex());
    }

    private static String normalize(OptionSpec option, String value, String where) {
        if (isBoolean(option)) {
            if (value == null || value.isBlank()) {
                return "true";
            }
            String lower = value.strip().toLowerCase(Locale.ROOT);
            if (TRUE.contains(lower)) {
                return "true";
            }
            if (FALSE.contains(lower)) {
                return "false";
            }
            throw new FlagException(where + ": \"" + value + "\" is not a boolean (true or false)");
        }
        if (value == null) {
            throw new FlagException(where + " needs a value");
        }
        return value;
    }

    private static boolean isBoolean(OptionSpec option) {
        Class<?> type = option.type();
        return type == boolean.class || type == Boolean.class;
    }

    /**
     * Checks that every flag in the file is an option of {@code spec} or of one of its subcommands, so that a
     * typo in a flag file is an error rather than a silently ignored line.
     */
    public void checkFileAgainst(CommandSpec spec) {
        Set<String> known = new TreeSet<>();
        collectNames(spec, known);
        for (String name : file.names()) {
            if (!known.contains(name)) {
                throw new FlagException("flag file " + file.source().map(Object::toString).orElse("")
                        + ": unknown flag \"" + name + "\"");
            }
        }
    }

    private static void collectNames(CommandSpec spec, Set<String> known) {
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                known.add(name.replaceFirst("^-+", ""));
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            collectNames(sub.getCommandSpec(), known);
        }
    }
}
