package dev.kolide.cmd.osquerydlite;

import dev.kolide.kit.flags.FlagException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * osquery's {@code --flagfile FILE} (gflags): each non-blank line not starting with '#' is one flag as it would be
 * written on the command line ({@code --host_identifier=uuid}). The file's flags take the place of the
 * {@code --flagfile} argument, so later command-line flags still win.
 */
final class OsqueryFlagfile {
    private OsqueryFlagfile() {}

    static String[] expand(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String path = null;
            if (arg.equals("--flagfile") || arg.equals("-flagfile")) {
                if (i + 1 >= args.length) {
                    throw new FlagException("flag --flagfile needs a file name");
                }
                path = args[++i];
            } else if (arg.startsWith("--flagfile=") || arg.startsWith("-flagfile=")) {
                path = arg.substring(arg.indexOf('=') + 1);
            }
            if (path == null) {
                out.add(arg);
                continue;
            }
            out.add("--flagfile=" + path);
            out.addAll(read(Path.of(path)));
        }
        return out.toArray(String[]::new);
    }

    private static List<String> read(Path path) {
        List<String> flags = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String flag = line.strip();
                if (flag.isEmpty() || flag.startsWith("#")) {
                    continue;
                }
                flags.add(flag.startsWith("-") ? flag : "--" + flag);
            }
        } catch (NoSuchFileException e) {
            throw new FlagException("flag file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new FlagException("reading flag file " + path + ": " + e.getMessage(), e);
        }
        return flags;
    }
}
