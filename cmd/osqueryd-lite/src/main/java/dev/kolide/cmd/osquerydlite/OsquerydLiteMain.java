package dev.kolide.cmd.osquerydlite;

import static dev.kolide.osquery.lite.OsquerydLite.withConfigAcceleratedRefresh;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigPath;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withConfigRefresh;
import static dev.kolide.osquery.lite.OsquerydLite.withDatabasePath;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withDistributedPlugin;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsDisabled;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsInterval;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsRequire;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsSocket;
import static dev.kolide.osquery.lite.OsquerydLite.withExtensionsTimeout;
import static dev.kolide.osquery.lite.OsquerydLite.withFlags;
import static dev.kolide.osquery.lite.OsquerydLite.withHostIdentifier;
import static dev.kolide.osquery.lite.OsquerydLite.withHostUuid;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerNumerics;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPath;
import static dev.kolide.osquery.lite.OsquerydLite.withLoggerPlugins;
import static dev.kolide.osquery.lite.OsquerydLite.withPackDelimiter;
import static dev.kolide.osquery.lite.OsquerydLite.withPidfile;
import static dev.kolide.osquery.lite.OsquerydLite.withScheduleEpoch;
import static dev.kolide.osquery.lite.OsquerydLite.withScheduleSplayPercent;
import static dev.kolide.osquery.lite.OsquerydLite.withSpecifiedIdentifier;
import static dev.kolide.osquery.lite.OsquerydLite.withTls;
import static dev.kolide.osquery.lite.OsquerydLite.withVersion;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.cli.Program;
import dev.kolide.kit.flags.FlagException;
import dev.kolide.kit.log.LogSetup;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.kit.run.SignalActor;
import dev.kolide.kit.run.SignalReceivedException;
import dev.kolide.kit.version.BuildInfo;
import dev.kolide.osquery.lite.OsquerydLite;
import dev.kolide.osquery.lite.tls.TlsOptions;
import dev.kolide.osquery.sdk.OptionInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * osqueryd-lite: an osqueryd-compatible engine for development, demos, tests and load simulation. It accepts the
 * osqueryd flags launcher passes (and warns about, then ignores, osquery flags it does not implement).
 */
@Command(name = "osqueryd-lite", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "An osqueryd-compatible engine for development, demos, tests and load simulation: it serves osquery's "
                    + "extension manager, runs config, schedule, logger and distributed plugins, and answers SQL "
                    + "over tables read from this Linux system.",
            "It is not osquery: production hosts run real osquery.",
            "Flags are osqueryd's (--flag=value; durations in seconds); unknown osquery flags are accepted with a "
                    + "warning. --flagfile FILE reads one --flag=value per line."})
public final class OsquerydLiteMain implements Callable<Integer> {
    private final BuildInfo buildInfo;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOption config;

    @Option(names = "--flagfile", paramLabel = "FILE",
            description = "Read osquery flags from FILE, one --flag=value per line ('#' comments).")
    private Path flagfile;

    @Option(names = "--extensions_socket", paramLabel = "PATH", defaultValue = "/var/osquery/osquery.em",
            description = "Where the extension manager listens (at most 97 characters). Default: ${DEFAULT-VALUE}.")
    private Path extensionsSocket;

    @Option(names = "--extensions_require", paramLabel = "NAMES", defaultValue = "",
            description = "Comma-separated extensions to wait for before reading config.")
    private String extensionsRequire;

    @Option(names = "--extensions_timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "How long to wait for required extensions; also each call's timeout. Default: ${DEFAULT-VALUE}.")
    private long extensionsTimeout;

    @Option(names = "--extensions_interval", paramLabel = "SECONDS", defaultValue = "3",
            description = "How often extensions are pinged; two failures remove one. Default: ${DEFAULT-VALUE}.")
    private long extensionsInterval;

    @Option(names = "--disable_extensions", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Serve no extension manager.")
    private boolean disableExtensions;

    @Option(names = "--pidfile", paramLabel = "PATH", defaultValue = "/var/osquery/osqueryd.pidfile",
            description = "Default: ${DEFAULT-VALUE}.")
    private Path pidfile;

    @Option(names = "--database_path", paramLabel = "PATH", defaultValue = "/var/osquery/osquery.db",
            description = "A directory osqueryd-lite creates and locks. Default: ${DEFAULT-VALUE}.")
    private Path databasePath;

    @Option(names = "--config_plugin", paramLabel = "NAME", defaultValue = "filesystem",
            description = "Config plugin: filesystem, tls or an extension's. Default: ${DEFAULT-VALUE}.")
    private String configPlugin;

    @Option(names = "--config_path", paramLabel = "PATH", defaultValue = "/etc/osquery/osquery.conf",
            description = "Config file of the filesystem plugin. Default: ${DEFAULT-VALUE}.")
    private Path configPath;

    @Option(names = "--config_refresh", paramLabel = "SECONDS", defaultValue = "0",
            description = "Pull config again this often; 0: once. Default: ${DEFAULT-VALUE}.")
    private long configRefresh;

    @Option(names = "--config_accelerated_refresh", paramLabel = "SECONDS", defaultValue = "300",
            description = "Retry a failed config pull this often. Default: ${DEFAULT-VALUE}.")
    private long configAcceleratedRefresh;

    @Option(names = "--logger_plugin", paramLabel = "NAMES", defaultValue = "filesystem",
            description = "Comma-separated loggers: filesystem, stdout, tls or extensions'. Default: ${DEFAULT-VALUE}.")
    private String loggerPlugin;

    @Option(names = "--logger_path", paramLabel = "PATH", defaultValue = "/var/log/osquery",
            description = "Directory of the filesystem logger. Default: ${DEFAULT-VALUE}.")
    private Path loggerPath;

    @Option(names = "--logger_numerics", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Numeric columns as JSON numbers in result logs.")
    private boolean loggerNumerics;

    @Option(names = "--distributed_plugin", paramLabel = "NAME", defaultValue = "tls",
            description = "Distributed-query plugin: tls or an extension's. Default: ${DEFAULT-VALUE}.")
    private String distributedPlugin;

    @Option(names = "--disable_distributed", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            paramLabel = "BOOL", description = "Do not poll for distributed queries. Default: ${DEFAULT-VALUE}.")
    private boolean disableDistributed;

    @Option(names = "--distributed_interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "Poll for distributed queries this often. Default: ${DEFAULT-VALUE}.")
    private long distributedInterval;

    @Option(names = "--distributed_tls_read_endpoint", paramLabel = "PATH", defaultValue = "",
            description = "tls distributed plugin: where queries are read, e.g. /api/v1/osquery/distributed/read.")
    private String distributedTlsReadEndpoint;

    @Option(names = "--distributed_tls_write_endpoint", paramLabel = "PATH", defaultValue = "",
            description = "tls distributed plugin: where results go, e.g. /api/v1/osquery/distributed/write.")
    private String distributedTlsWriteEndpoint;

    @Option(names = "--distributed_tls_max_attempts", paramLabel = "N", defaultValue = "3",
            description = "Tries of each distributed TLS request. Default: ${DEFAULT-VALUE}.")
    private int distributedTlsMaxAttempts;

    @Option(names = "--tls_hostname", paramLabel = "HOST[:PORT]", defaultValue = "",
            description = "The server of the tls config, logger, distributed and enroll plugins.")
    private String tlsHostname;

    @Option(names = "--tls_server_certs", paramLabel = "PEM", defaultValue = "",
            description = "Trust only these CA certificates for the TLS server (default: the JDK's roots).")
    private String tlsServerCerts;

    @Option(names = "--tls_session_reuse", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            paramLabel = "BOOL", description = "Accepted; connections are always kept for reuse.")
    private boolean tlsSessionReuse;

    @Option(names = "--enroll_tls_endpoint", paramLabel = "PATH", defaultValue = "",
            description = "tls enrollment: e.g. /api/v1/osquery/enroll.")
    private String enrollTlsEndpoint;

    @Option(names = "--enroll_secret_path", paramLabel = "FILE", defaultValue = "",
            description = "File with the enroll secret (trimmed) sent when enrolling.")
    private String enrollSecretPath;

    @Option(names = "--disable_enrollment", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Never enroll: tls requests carry the stored or an empty node key.")
    private boolean disableEnrollment;

    @Option(names = "--config_tls_endpoint", paramLabel = "PATH", defaultValue = "",
            description = "tls config plugin: e.g. /api/v1/osquery/config.")
    private String configTlsEndpoint;

    @Option(names = "--config_tls_max_attempts", paramLabel = "N", defaultValue = "3",
            description = "Tries of each config and enroll request. Default: ${DEFAULT-VALUE}.")
    private int configTlsMaxAttempts;

    @Option(names = "--logger_tls_endpoint", paramLabel = "PATH", defaultValue = "",
            description = "tls logger: e.g. /api/v1/osquery/log.")
    private String loggerTlsEndpoint;

    @Option(names = "--logger_tls_period", paramLabel = "SECONDS", defaultValue = "4",
            description = "tls logger: send buffered logs this often. Default: ${DEFAULT-VALUE}.")
    private long loggerTlsPeriod;

    @Option(names = "--logger_tls_max_lines", paramLabel = "N", defaultValue = "1024",
            description = "tls logger: at most this many logs per request. Default: ${DEFAULT-VALUE}.")
    private int loggerTlsMaxLines;

    @Option(names = "--logger_tls_max_linesize", paramLabel = "BYTES", defaultValue = "1048576",
            description = "tls logger: longer log lines are dropped. Default: ${DEFAULT-VALUE}.")
    private long loggerTlsMaxLinesize;

    @Option(names = "--host_identifier", paramLabel = "KIND", defaultValue = "hostname",
            description = "hostname, uuid, instance, ephemeral or specified. Default: ${DEFAULT-VALUE}.")
    private String hostIdentifier;

    @Option(names = "--specified_identifier", paramLabel = "ID", defaultValue = "",
            description = "The identifier for --host_identifier=specified.")
    private String specifiedIdentifier;

    @Option(names = "--pack_delimiter", paramLabel = "TEXT", defaultValue = "_",
            description = "Between 'pack', pack name and query name in result names. Default: ${DEFAULT-VALUE}.")
    private String packDelimiter;

    @Option(names = "--schedule_epoch", paramLabel = "N", defaultValue = "0", description = "Result logs' epoch.")
    private long scheduleEpoch;

    @Option(names = "--schedule_splay_percent", paramLabel = "PERCENT", defaultValue = "10",
            description = "Randomize scheduled intervals by up to this much. Default: ${DEFAULT-VALUE}.")
    private int scheduleSplayPercent;

    @Option(names = "--utc", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
            description = "Times in UTC (always, in osqueryd-lite).")
    private boolean utc;

    @Option(names = "--verbose", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "BOOL",
            description = "Debug logging on standard error.")
    private boolean verbose;

    @Option(names = "--force", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "BOOL",
            description = "Accepted for osqueryd compatibility; no effect.")
    private boolean force;

    @Option(names = "--disable_watchdog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            paramLabel = "BOOL", description = "Accepted for osqueryd compatibility; osqueryd-lite has no watchdog.")
    private boolean disableWatchdog;

    @Option(names = "--lite_host_uuid", paramLabel = "UUID", defaultValue = "",
            description = "osqueryd-lite only: the host uuid to report (load simulation runs many on one machine).")
    private String liteHostUuid;

    @Unmatched
    private List<String> unmatched = new ArrayList<>();

    OsquerydLiteMain(BuildInfo buildInfo) {
        this.buildInfo = buildInfo;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BuildInfo buildInfo = BuildInfo.load(OsquerydLiteMain.class, "osqueryd-lite");
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Program program = new Program(buildInfo, "KOLIDE_OSQUERYD_LITE_", System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8), err, new ObjectMapper())
                .withLastFlagWinning();
        String[] expanded;
        try {
            expanded = OsqueryFlagfile.expand(args);
        } catch (FlagException e) {
            err.println("osqueryd-lite: " + e.getMessage());
            err.flush();
            return Program.EXIT_USAGE;
        }
        return program.run(new OsquerydLiteMain(buildInfo), expanded);
    }

    @Override
    public Integer call() throws Exception {
        LogSetup.configure(LogSetup.withDebug(verbose));
        Logger log = LoggerFactory.getLogger(OsquerydLiteMain.class);
        if (!unmatched.isEmpty()) {
            log.warn("ignoring osquery flags osqueryd-lite does not implement: {}", String.join(" ", unmatched));
        }
        OsquerydLite lite = OsquerydLite.create(
                withVersion(buildInfo.version() + "-lite"),
                withExtensionsSocket(extensionsSocket),
                withExtensionsRequire(list(extensionsRequire)),
                withExtensionsTimeout(seconds(extensionsTimeout, "extensions_timeout")),
                withExtensionsInterval(seconds(extensionsInterval, "extensions_interval")),
                withExtensionsDisabled(disableExtensions),
                withPidfile(pidfile),
                withDatabasePath(databasePath),
                withConfigPlugin(configPlugin),
                withConfigPath(configPath),
                withConfigRefresh(Duration.ofSeconds(Math.max(0, configRefresh))),
                withConfigAcceleratedRefresh(seconds(configAcceleratedRefresh, "config_accelerated_refresh")),
                withLoggerPlugins(list(loggerPlugin)),
                withLoggerPath(loggerPath),
                withLoggerNumerics(loggerNumerics),
                withDistributedPlugin(distributedPlugin),
                withDistributedDisabled(disableDistributed),
                withDistributedInterval(seconds(distributedInterval, "distributed_interval")),
                withHostIdentifier(hostIdentifier),
                withSpecifiedIdentifier(specifiedIdentifier),
                withHostUuid(liteHostUuid),
                withTls(tlsOptions()),
                withPackDelimiter(packDelimiter),
                withScheduleEpoch(scheduleEpoch),
                withScheduleSplayPercent(scheduleSplayPercent),
                withFlags(flags()));
        RunGroup group = new RunGroup();
        group.add("signals", SignalActor.onShutdownSignals());
        group.add("osqueryd-lite", lite);
        try {
            group.run();
        } catch (SignalReceivedException e) {
            log.info("stopped: {}", e.getMessage());
        }
        return Program.EXIT_OK;
    }

    /** The TLS flags, for the tls plugins. */
    TlsOptions tlsOptions() {
        return TlsOptions.builder()
                .hostname(tlsHostname)
                .serverCerts(tlsServerCerts.isBlank() ? null : Path.of(tlsServerCerts))
                .sessionReuse(tlsSessionReuse)
                .enrollEndpoint(enrollTlsEndpoint)
                .enrollSecretPath(enrollSecretPath.isBlank() ? null : Path.of(enrollSecretPath))
                .disableEnrollment(disableEnrollment)
                .configEndpoint(configTlsEndpoint)
                .configMaxAttempts(atLeastOne(configTlsMaxAttempts, "config_tls_max_attempts"))
                .loggerEndpoint(loggerTlsEndpoint)
                .loggerPeriod(seconds(loggerTlsPeriod, "logger_tls_period"))
                .loggerMaxLines(atLeastOne(loggerTlsMaxLines, "logger_tls_max_lines"))
                .loggerMaxLineSize(Math.max(1, loggerTlsMaxLinesize))
                .distributedReadEndpoint(distributedTlsReadEndpoint)
                .distributedWriteEndpoint(distributedTlsWriteEndpoint)
                .distributedMaxAttempts(atLeastOne(distributedTlsMaxAttempts, "distributed_tls_max_attempts"))
                .build();
    }

    private static int atLeastOne(int value, String flag) {
        if (value < 1) {
            throw new IllegalArgumentException("--" + flag + " must be at least 1, not " + value);
        }
        return value;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(long value, String flag) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + flag + " must be a positive number of seconds, not " + value);
        }
        return Duration.ofSeconds(value);
    }

    /** Every osquery flag with its value, default and type, for the manager's options() and osquery_flags. */
    private Map<String, OptionInfo> flags() {
        Map<String, OptionInfo> flags = new TreeMap<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || !option.longestName().startsWith("--")
                    || option.longestName().equals("--config")) {
                continue;
            }
            String name = option.longestName().substring(2);
            Object value = option.getValue();
            String type = option.type() == boolean.class ? "bool"
                    : option.type() == long.class || option.type() == int.class ? "int32" : "string";
            flags.put(name, new OptionInfo(value == null ? "" : value.toString(),
                    option.defaultValue() == null ? "" : option.defaultValue(), type));
        }
        return flags;
    }
}
