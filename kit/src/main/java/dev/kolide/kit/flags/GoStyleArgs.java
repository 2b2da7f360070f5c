package dev.kolide.kit.flags;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Accepts Go's single-dash spelling of long flags ({@code -config FILE}, {@code -hostname=x}) by rewriting it to
 * the double-dash form picocli parses. Kolide's packages and service definitions call
 * {@code launcher -config /etc/launcher/launcher.flags}; they keep working.
 */
public final class GoStyleArgs {
    private GoStyleArgs() {}

    /** {@code args} with every single-dash spelling of a known long option of the active (sub)command doubled. */
    public static String[] normalize(CommandSpec root, String[] args) {
        requireNonNull(root, "root is null");
        requireNonNull(args, "args is null");
        List<String> out = new ArrayList<>(args.length);
        CommandSpec current = root;
        boolean endOfOptions = false;
        for (String arg : args) {
            if (endOfOptions || "--".equals(arg)) {
                endOfOptions = true;
                out.add(arg);
                continue;
            }
            CommandLine sub = current.subcommands().get(arg);
            if (sub != null) {
                current = sub.getCommandSpec();
                out.add(arg);
                continue;
            }
            out.add(doubled(current, arg));
        }
        return out.toArray(String[]::new);
    }

    private static String doubled(CommandSpec spec, String arg) {
        if (arg.length() < 3 || arg.charAt(0) != '-' || arg.charAt(1) == '-') {
            return arg;
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (spec.findOption(name) != null) {
            return arg; // already a known short/single-dash spelling
        }
        if (spec.findOption("-" + name) != null) {
            return "-" + arg;
        }
        return arg;
    }

    /**
     * The value of {@code --config}/{@code -config} on the command line, before full parsing (the flag file
     * must be known to supply defaults for the parse). Returns null when absent.
     */
    public static String findConfigPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                return null;
            }
            for (String spelling : new String[] {"--config", "-config"}) {
                if (arg.equals(spelling)) {
                    if (i + 1 >= args.length) {
                        throw new FlagException("flag " + spelling + " needs a file name");
                    }
                    return args[i + 1];
                }
                if (arg.startsWith(spelling + "=")) {
                    return arg.substring(spelling.length() + 1);
                }
            }
        }
        return null;
    }
}
