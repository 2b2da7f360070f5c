package dev.kolide.launcher.runtime;

import static java.util.Objects.requireNonNull;

import dev.kolide.osquery.sdk.plugin.Plugin;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The functional options of {@link OsqueryInstance} (launcher's {@code OsqueryInstanceOption}s, reference §1.2).
 *
 * <pre>{@code
 * OsqueryInstance osquery = OsqueryInstance.launch(
 *         withOsquerydBinary(Path.of("/usr/local/kolide/bin/osqueryd")),
 *         withRootDirectory(rootDir),
 *         withExtensionPlugins(configPlugin, loggerPlugin, distributedPlugin, identifierTable),
 *         withOsqueryFlags(List.of("verbose=false")));
 * }</pre>
 */
public final class OsqueryOptions {
    /** The name launcher's extension registers with, and what unset plugin flags name. */
    public static final String DEFAULT_EXTENSION_NAME = "kolide_grpc";

    private OsqueryOptions() {}

    /** The defaults, in one place; options change them before {@link OsqueryInstance#create} reads them. */
    public static final class Settings {
        Supplier<Path> osquerydBinary = () -> Path.of("osqueryd");
        OsqueryStartListener startListener = OsqueryStartListener.NONE;
        Path rootDirectory;
        Path extensionSocket;
        final List<Plugin> plugins = new ArrayList<>();
        String configPluginFlag;
        String loggerPluginFlag;
        String distributedPluginFlag;
        ProcessOutput stdout = ProcessOutput.toLog();
        ProcessOutput stderr = ProcessOutput.toLog();
        boolean verbose;
        final List<String> osqueryFlags = new ArrayList<>();
        String extensionName = DEFAULT_EXTENSION_NAME;
        String extensionVersion = "";
        Duration healthCheckInterval = Duration.ofSeconds(60);
        int healthCheckTries = 5;
        Duration healthCheckRetryDelay = Duration.ofSeconds(1);
        Duration startupTimeout = Duration.ofSeconds(10);
        Duration restartDelay = Duration.ofSeconds(1);
        Duration maxRestartDelay = Duration.ofSeconds(10);
        Duration shutdownGracePeriod = Duration.ofSeconds(5);
        Duration clientTimeout = Duration.ofSeconds(5);
        boolean useSetsid = true;

        Settings() {}

        /** The socket osqueryd's extension manager listens on: the option's, else {@code <root>/osquery.sock}. */
        Path socket() {
            return extensionSocket != null ? extensionSocket : rootDirectory.resolve("osquery.sock");
        }

        Path pidfile() {
            return rootDirectory.resolve("osquery.pid");
        }

        Path databasePath() {
            return rootDirectory.resolve("osquery.db");
        }

        /** An unset plugin flag names the launcher's extension, which serves it. */
        String configPlugin() {
            return configPluginFlag != null ? configPluginFlag : extensionName;
        }

        String loggerPlugin() {
            return loggerPluginFlag != null ? loggerPluginFlag : extensionName;
        }

        String distributedPlugin() {
            return distributedPluginFlag != null ? distributedPluginFlag : extensionName;
        }
    }

    /** The osqueryd to run (default: {@code osqueryd} on the PATH). */
    public static OsqueryOption withOsquerydBinary(Path binary) {
        requireNonNull(binary, "binary is null");
        return s -> s.osquerydBinary = () -> binary;
    }

    /**
     * Where the osqueryd to run comes from, asked at each start: a restart after an update (or a rollback) runs
     * whatever it names then, e.g. the newest autoupdated osqueryd, else the packaged one. It must not return null.
     */
    public static OsqueryOption withOsquerydBinarySource(Supplier<Path> source) {
        requireNonNull(source, "source is null");
        return s -> s.osquerydBinary = source;
    }

    /** Told of each start's outcome, with the binary it ran (default: nobody); e.g. to roll back a bad update. */
    public static OsqueryOption withStartListener(OsqueryStartListener listener) {
        requireNonNull(listener, "listener is null");
        return s -> s.startListener = listener;
    }

    /** Required: where the pidfile, database and (by default) the socket live; created when missing. */
    public static OsqueryOption withRootDirectory(Path root) {
        requireNonNull(root, "root is null");
        return s -> s.rootDirectory = root;
    }

    /** The extension manager's socket (default {@code <root>/osquery.sock}); at most 97 bytes long. */
    public static OsqueryOption withExtensionSocketPath(Path socket) {
        requireNonNull(socket, "socket is null");
        return s -> s.extensionSocket = socket;
    }

    /** Plugins the launcher's extension registers: tables, and config/logger/distributed plugins. */
    public static OsqueryOption withExtensionPlugins(Plugin... plugins) {
        List<Plugin> list = List.of(requireNonNull(plugins, "plugins is null"));
        return s -> s.plugins.addAll(list);
    }

    /** {@code --config_plugin} (default: the extension's name). */
    public static OsqueryOption withConfigPluginFlag(String plugin) {
        requireNonBlank(plugin, "config plugin flag");
        return s -> s.configPluginFlag = plugin;
    }

    /** {@code --logger_plugin} (default: the extension's name). */
    public static OsqueryOption withLoggerPluginFlag(String plugin) {
        requireNonBlank(plugin, "logger plugin flag");
        return s -> s.loggerPluginFlag = plugin;
    }

    /** {@code --distributed_plugin} (default: the extension's name). */
    public static OsqueryOption withDistributedPluginFlag(String plugin) {
        requireNonBlank(plugin, "distributed plugin flag");
        return s -> s.distributedPluginFlag = plugin;
    }

    /** Where osqueryd's stdout goes (default: the launcher's log at debug). */
    public static OsqueryOption withStdout(ProcessOutput output) {
        requireNonNull(output, "output is null");
        return s -> s.stdout = output;
    }

    public static OsqueryOption withStdout(Path file) {
        return withStdout(ProcessOutput.toFile(file));
    }

    public static OsqueryOption withStdout(OutputStream out) {
        return withStdout(ProcessOutput.toStream(out));
    }

    /** Where osqueryd's stderr (its status log) goes (default: the launcher's log at debug). */
    public static OsqueryOption withStderr(ProcessOutput output) {
        requireNonNull(output, "output is null");
        return s -> s.stderr = output;
    }

    public static OsqueryOption withStderr(Path file) {
        return withStderr(ProcessOutput.toFile(file));
    }

    public static OsqueryOption withStderr(OutputStream out) {
        return withStderr(ProcessOutput.toStream(out));
    }

    /** {@code --verbose}. */
    public static OsqueryOption withOsqueryVerbose(boolean verbose) {
        return s -> s.verbose = verbose;
    }

    /**
     * Extra osqueryd flags ({@code --} is prepended when missing); they come after the launcher's defaults and so may
     * override them, but not the pidfile, database, socket, timeout and config plugin flags, which come last.
     */
    public static OsqueryOption withOsqueryFlags(List<String> flags) {
        List<String> copy = new ArrayList<>();
        for (String flag : requireNonNull(flags, "flags is null")) {
            requireNonBlank(flag, "osquery flag");
            copy.add(flag);
        }
        return s -> s.osqueryFlags.addAll(copy);
    }

    /** The name the extension registers with (default {@value #DEFAULT_EXTENSION_NAME}). */
    public static OsqueryOption withExtensionName(String name) {
        requireNonBlank(name, "extension name");
        return s -> s.extensionName = name;
    }

    /** What osquery_extensions reports as the extension's version. */
    public static OsqueryOption withExtensionVersion(String version) {
        requireNonNull(version, "version is null");
        return s -> s.extensionVersion = version;
    }

    /** How often osqueryd and the extension are pinged (default 60 s). */
    public static OsqueryOption withHealthCheckInterval(Duration interval) {
        requirePositive(interval, "health check interval");
        return s -> s.healthCheckInterval = interval;
    }

    /** How many failed pings in a row, {@code delay} apart, make a failed health check (default 5, 1 s). */
    public static OsqueryOption withHealthCheckTries(int tries, Duration delay) {
        if (tries < 1) {
            throw new IllegalArgumentException("health check tries must be at least 1, not " + tries);
        }
        requirePositive(delay, "health check retry delay");
        return s -> {
            s.healthCheckTries = tries;
            s.healthCheckRetryDelay = delay;
        };
    }

    /** How long osqueryd has to create its socket and accept the extension (default 10 s). */
    public static OsqueryOption withStartupTimeout(Duration timeout) {
        requirePositive(timeout, "startup timeout");
        return s -> s.startupTimeout = timeout;
    }

    /** The back-off between restarts: {@code initial}, doubled after each failure up to {@code max} (1 s, 10 s). */
    public static OsqueryOption withRestartDelay(Duration initial, Duration max) {
        requirePositive(initial, "restart delay");
        requirePositive(max, "max restart delay");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max restart delay " + max + " is below the restart delay " + initial);
        }
        return s -> {
            s.restartDelay = initial;
            s.maxRestartDelay = max;
        };
    }

    /** How long osqueryd's process group has between SIGTERM and SIGKILL (default 5 s). */
    public static OsqueryOption withShutdownGracePeriod(Duration grace) {
        requirePositive(grace, "shutdown grace period");
        return s -> s.shutdownGracePeriod = grace;
    }

    /** The timeout of each call to osqueryd and to the extension (default 5 s, as launcher's). */
    public static OsqueryOption withClientTimeout(Duration timeout) {
        requirePositive(timeout, "client timeout");
        return s -> s.clientTimeout = timeout;
    }

    /**
     * Whether osqueryd starts through {@code setsid} in a process group of its own (default true, when setsid is
     * installed); without it the group kill falls back to the descendants the JVM can see.
     */
    public static OsqueryOption withProcessGroup(boolean ownGroup) {
        return s -> s.useSetsid = ownGroup;
    }

    private static void requireNonBlank(String value, String what) {
        requireNonNull(value, what + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }
}
