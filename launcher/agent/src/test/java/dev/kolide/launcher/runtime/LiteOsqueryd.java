package dev.kolide.launcher.runtime;

import static dev.kolide.osquery.lite.OsquerydLite.withConfigAcceleratedRefresh;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigRefresh;
import static dev.kolide.osquery.lite.OsquerydLite.withDatabasePath;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsRequire;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsSocket;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsTimeout;
import static dev.kolide.osquery.lite.OsquerydLite.withHostIdentifier;
import static dev.kolide.osquery.lite.OsquerydLite.withHostUuid;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPlugins;
import static dev.kolide.osquery.lite.OsquerydLite.withPackDelimiter;
import static dev.kolide.osquery.lite.OsquerydLite.withPidfile;
import static dev.kolide.osquery.lite.OsquerydLite.withVersion;

import dev.kolide.kit.log.LogSetup;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.kit.run.SignalActor;
import dev.kolide.kit.run.SignalReceivedException;
import dev.kolide.osquery.lite.OsquerydLite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' osqueryd: the osqueryd-lite engine behind the part of osqueryd's command line the launcher passes.
 * osqueryd-lite's own main lives in cmd/osqueryd-lite, which the launcher module cannot depend on (cmd depends on
 * launcher, not the other way); this is that main's flag mapping for the flags the runtime uses. Others are ignored.
 */
public final class LiteOsqueryd {
    private LiteOsqueryd() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = parse(args);
        LogSetup.configure(LogSetup.withDebug(Boolean.parseBoolean(flags.getOrDefault("verbose", "false"))));
        OsquerydLite lite = OsquerydLite.create(
                withVersion("test-lite"),
                withExtensionsSocket(Path.of(flags.getOrDefault("extensions_socket", "/var/osquery/osquery.em"))),
                withExtensionsRequire(list(flags.getOrDefault("extensions_require", ""))),
                withExtensionsTimeout(seconds(flags.getOrDefault("extensions_timeout", "3"))),
                withExtensionsDisabled(Boolean.parseBoolean(flags.getOrDefault("disable_extensions", "false"))),
                withPidfile(Path.of(flags.getOrDefault("pidfile", "/var/osquery/osqueryd.pidfile"))),
                withDatabasePath(Path.of(flags.getOrDefault("database_path", "/var/osquery/osquery.db"))),
                withConfigPlugin(flags.getOrDefault("config_plugin", "filesystem")),
                withConfigRefresh(Duration.ofSeconds(Long.parseLong(flags.getOrDefault("config_refresh", "0")))),
                withConfigAcceleratedRefresh(seconds(flags.getOrDefault("config_accelerated_refresh", "300"))),
                withLoggerPlugins(list(flags.getOrDefault("logger_plugin", "filesystem"))),
                withDistributedPlugin(flags.getOrDefault("distributed_plugin", "tls")),
                withDistributedDisabled(Boolean.parseBoolean(flags.getOrDefault("disable_distributed", "true"))),
                withDistributedInterval(seconds(flags.getOrDefault("distributed_interval", "60"))),
                withHostIdentifier(flags.getOrDefault("host_identifier", "hostname")),
                withHostUuid(flags.getOrDefault("lite_host_uuid", "")),
                withPackDelimiter(flags.getOrDefault("pack_delimiter", "_")));
        RunGroup group = new RunGroup();
        group.add("signals", SignalActor.onShutdownSignals());
        group.add("osqueryd-lite", lite);
        try {
            group.run();
        } catch (SignalReceivedException e) {
            // the launcher's SIGTERM: the normal way out
        }
        System.exit(0);
    }

    /** {@code --name=value}, and {@code --name} meaning true; the last of a repeated flag wins, as in osqueryd. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            String flag = arg.replaceFirst("^-+", "");
            int eq = flag.indexOf('=');
            if (eq < 0) {
                flags.put(flag, "true");
            } else {
                flags.put(flag.substring(0, eq), flag.substring(eq + 1));
            }
        }
        return flags;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
