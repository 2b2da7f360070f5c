package dev.kolide.launcher.runtime;

import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * osqueryd's argv, launcher's way (reference §1.2, LM): the launcher's defaults, then the user's flags (which may
 * override them: osqueryd keeps a flag's last value), then the flags the runtime depends on, which nobody overrides.
 */
final class OsquerydCommand {
    /** LM waits 20 s for the extension (L11: 10 s). */
    static final int EXTENSIONS_TIMEOUT_SECONDS = 20;

    private OsquerydCommand() {}

    /** The arguments after the binary. */
    static List<String> arguments(OsqueryOptions.Settings s) {
        List<String> args = new ArrayList<>();
        args.add("--logger_plugin=" + s.loggerPlugin());
        args.add("--distributed_plugin=" + s.distributedPlugin());
        args.add("--disable_distributed=false");
        args.add("--distributed_interval=5");
        args.add("--pack_delimiter=:");
        args.add("--host_identifier=uuid");
        args.add("--force=true");
        args.add("--disable_watchdog");
        args.add("--utc");
        if (s.verbose) {
            args.add("--verbose");
        }
        args.add("--config_refresh=300");
        args.add("--config_accelerated_refresh=30");
        for (String flag : s.osqueryFlags) {
            args.add(dashed(flag));
        }
        args.add("--pidfile=" + s.pidfile());
        args.add("--database_path=" + s.databasePath());
        args.add("--extensions_socket=" + s.socket());
        args.add("--extensions_timeout=" + EXTENSIONS_TIMEOUT_SECONDS);
        args.add("--config_plugin=" + s.configPlugin());
        if (servesPluginFlags(s, args)) {
            // osqueryd waits for the extension before reading config instead of failing to find its plugins (#95).
            args.add("--extensions_require=" + s.extensionName);
            args.add("--disable_extensions=false");
        }
        return List.copyOf(args);
    }

    /** The whole command: {@code binary} first. */
    static List<String> command(OsqueryOptions.Settings s, Path binary) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments(s));
        return List.copyOf(command);
    }

    private static String dashed(String flag) {
        String stripped = flag.strip();
        int start = 0;
        while (start < stripped.length() && stripped.charAt(start) == '-') {
            start++;
        }
        return "--" + stripped.substring(start);
    }

    /** Whether the extension registers a plugin that osqueryd's effective config, logger or distributed flag names. */
    private static boolean servesPluginFlags(OsqueryOptions.Settings s, List<String> args) {
        String config = lastValue(args, "config_plugin");
        List<String> loggers = List.of(lastValue(args, "logger_plugin").split(","));
        String distributed = lastValue(args, "distributed_plugin");
        for (Plugin plugin : s.plugins) {
            boolean named = switch (plugin.registry()) {
                case Registries.CONFIG -> plugin.name().equals(config);
                case Registries.LOGGER -> loggers.contains(plugin.name());
                case Registries.DISTRIBUTED -> plugin.name().equals(distributed);
                default -> false;
            };
            if (named) {
                return true;
            }
        }
        return false;
    }

    /** osqueryd's reading of repeated flags: the last one wins. */
    private static String lastValue(List<String> args, String flag) {
        String prefix = "--" + flag + "=";
        String value = "";
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                value = arg.substring(prefix.length());
            }
        }
        return value;
    }
}
