package dev.kolide.osquery.lite;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.kit.run.Actor;
import dev.kolide.osquery.lite.config.ConfigParser;
import dev.kolide.osquery.lite.config.OsqueryConfig;
import dev.kolide.osquery.lite.distributed.DistributedException;
import dev.kolide.osquery.lite.distributed.DistributedPoller;
import dev.kolide.osquery.lite.internal.FilesystemConfigPlugin;
import dev.kolide.osquery.lite.internal.FilesystemLoggerPlugin;
import dev.kolide.osquery.lite.internal.StdoutLoggerPlugin;
import dev.kolide.osquery.lite.logs.LogDispatcher;
import dev.kolide.osquery.lite.logs.StatusLine;
import dev.kolide.osquery.lite.manager.ExtensionHealth;
import dev.kolide.osquery.lite.manager.ExtensionRegistry;
import dev.kolide.osquery.lite.manager.ManagerService;
import dev.kolide.osquery.lite.manager.RegistryCatalog;
import dev.kolide.osquery.lite.schedule.ResultLogFormat;
import dev.kolide.osquery.lite.schedule.Scheduler;
import dev.kolide.osquery.lite.sql.QueryEngine;
import dev.kolide.osquery.lite.tables.SystemFiles;
import dev.kolide.osquery.lite.tables.SystemInfoTable;
import dev.kolide.osquery.lite.tables.Table;
import dev.kolide.osquery.lite.tls.TlsOptions;
import dev.kolide.osquery.lite.tls.TlsPlugins;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.OptionInfo;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import dev.kolide.osquery.sdk.thrift.ExtensionProcessor;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import dev.kolide.osquery.sdk.transport.UnixSocketTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * osqueryd-lite: an osqueryd-compatible engine for development, demos, tests and load simulation (production
 * hosts run real osquery). It serves the ExtensionManager on the extensions socket, waits for required
 * extensions, pulls config from the config plugin, runs the schedule, hands results and status logs to the logger
 * plugins, polls the distributed plugin, and answers SQL over tables read from the running Linux system.
 *
 * <pre>{@code
 * OsquerydLite lite = OsquerydLite.create(withVersion(build.version() + "-lite"),
 *         withExtensionsSocket(root.resolve("osquery.sock")), withConfigPlugin("kolide_grpc"), ...);
 * lite.run();   // until stop(), SIGTERM through a RunGroup, or a manager shutdown call
 * }</pre>
 *
 * <p>Threads: one accepts on the socket and one serves each connection; one runs the schedule and the status
 * flush, one the config refresh and distributed loops (which may wait on a server), one pings extensions, and the
 * {@code tls} logger, when selected, sends on its own. Nothing spins: every loop waits on a timer.
 */
public final class OsquerydLite implements Actor {
    private final Logger log = LoggerFactory.getLogger(OsquerydLite.class);
    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String instanceId;
    private final String ephemeralId;
    private final long startTime;

    private ExtensionRegistry registry;
    private QueryEngine queries;
    private LogDispatcher logs;
    private Scheduler scheduler;
    private DistributedPoller distributed;
    private ExtensionHealth health;
    private UnixSocketServer server;
    private ScheduledExecutorService engine;
    private ScheduledExecutorService remote;
    private TlsPlugins tls;
    private ScheduledExecutorService healthTimer;
    private Pidfile pidfile;
    private DatabaseDirectory database;
    private String hostUuid;
    private volatile String configHash = "";
    private volatile boolean configValid;
    private boolean started;
    private boolean stopping;

    /** The defaults, osqueryd's unless noted; options change them before {@link #create} reads them. */
    public static final class Settings {
        String version = "unknown-lite";
        Path extensionsSocket = Path.of("/var/osquery/osquery.em");
        List<String> extensionsRequire = List.of();
        Duration extensionsTimeout = Duration.ofSeconds(3);
        Duration extensionsInterval = Duration.ofSeconds(3);
        boolean disableExtensions = false;
        Path pidfile = Path.of("/var/osquery/osqueryd.pidfile");
        Path databasePath = Path.of("/var/osquery/osquery.db");
        String configPlugin = "filesystem";
        Path configPath = Path.of("/etc/osquery/osquery.conf");
        Duration configRefresh = Duration.ZERO;
        Duration configAcceleratedRefresh = Duration.ofSeconds(300);
        List<String> loggerPlugins = List.of("filesystem");
        Path loggerPath = Path.of("/var/log/osquery");
        boolean loggerNumerics = false;
        String distributedPlugin = "tls";
        boolean disableDistributed = true;
        Duration distributedInterval = Duration.ofSeconds(60);
        String hostIdentifier = "hostname";
        String specifiedIdentifier = "";
        String hostUuid = "";
        String packDelimiter = "_";
        long scheduleEpoch = 0;
        int scheduleSplayPercent = 10;
        TlsOptions tls = TlsOptions.builder().build();
        Map<String, OptionInfo> flags = Map.of();
        Clock clock = Clock.systemUTC();
        Random random = new Random();
        SystemFiles files = SystemFiles.live();
        PrintStream stdout = System.out;

        private Settings() {}
    }

    // --- options (flag names in the comments)

    /** What osquery_info.version and osquery_extensions report: {@code <project version>-lite}. */
    public static LiteOption withVersion(String version) {
        requireNonNull(version, "version is null");
        return s -> s.version = version;
    }

    /** {@code --extensions_socket}. */
    public static LiteOption withExtensionsSocket(Path socket) {
        requireNonNull(socket, "socket is null");
        return s -> s.extensionsSocket = socket;
    }

    /** {@code --extensions_require}: extensions to wait for before reading config. */
    public static LiteOption withExtensionsRequire(List<String> names) {
        List<String> copy = List.copyOf(requireNonNull(names, "names is null"));
        return s -> s.extensionsRequire = copy;
    }

    /** {@code --extensions_timeout}: how long to wait for them (and the per-call timeout to extensions). */
    public static LiteOption withExtensionsTimeout(Duration timeout) {
        requirePositive(timeout, "extensions timeout");
        return s -> s.extensionsTimeout = timeout;
    }

    /** {@code --extensions_interval}: how often extensions are pinged. */
    public static LiteOption withExtensionsInterval(Duration interval) {
        requirePositive(interval, "extensions interval");
        return s -> s.extensionsInterval = interval;
    }

    /** {@code --disable_extensions}: no manager socket. */
    public static LiteOption withExtensionsDisabled(boolean disabled) {
        return s -> s.disableExtensions = disabled;
    }

    /** {@code --pidfile}. */
    public static LiteOption withPidfile(Path pidfile) {
        requireNonNull(pidfile, "pidfile is null");
        return s -> s.pidfile = pidfile;
    }

    /** {@code --database_path}. */
    public static LiteOption withDatabasePath(Path path) {
        requireNonNull(path, "path is null");
        return s -> s.databasePath = path;
    }

    /** {@code --config_plugin}. */
    public static LiteOption withConfigPlugin(String plugin) {
        requireNonNull(plugin, "plugin is null");
        return s -> s.configPlugin = plugin;
    }

    /** {@code --config_path}, read by the filesystem config plugin. */
    public static LiteOption withConfigPath(Path path) {
        requireNonNull(path, "path is null");
        return s -> s.configPath = path;
    }

    /** {@code --config_refresh}; zero: read config once. */
    public static LiteOption withConfigRefresh(Duration refresh) {
        requireNonNull(refresh, "refresh is null");
        return s -> s.configRefresh = refresh;
    }

    /** {@code --config_accelerated_refresh}: the retry interval after a failed config pull. */
    public static LiteOption withConfigAcceleratedRefresh(Duration refresh) {
        requirePositive(refresh, "accelerated config refresh");
        return s -> s.configAcceleratedRefresh = refresh;
    }

    /** {@code --logger_plugin}: one or more loggers (comma-separated on the command line). */
    public static LiteOption withLoggerPlugins(List<String> plugins) {
        List<String> copy = List.copyOf(requireNonNull(plugins, "plugins is null"));
        return s -> s.loggerPlugins = copy;
    }

    /** {@code --logger_path}, for the filesystem logger. */
    public static LiteOption withLoggerPath(Path path) {
        requireNonNull(path, "path is null");
        return s -> s.loggerPath = path;
    }

    /** {@code --logger_numerics}: numeric columns as JSON numbers in result logs. */
    public static LiteOption withLoggerNumerics(boolean numerics) {
        return s -> s.loggerNumerics = numerics;
    }

    /** {@code --distributed_plugin}. */
    public static LiteOption withDistributedPlugin(String plugin) {
        requireNonNull(plugin, "plugin is null");
        return s -> s.distributedPlugin = plugin;
    }

    /** {@code --disable_distributed} (osqueryd's default: true). */
    public static LiteOption withDistributedDisabled(boolean disabled) {
        return s -> s.disableDistributed = disabled;
    }

    /** {@code --distributed_interval}. */
    public static LiteOption withDistributedInterval(Duration interval) {
        requirePositive(interval, "distributed interval");
        return s -> s.distributedInterval = interval;
    }

    /** {@code --host_identifier}: hostname, uuid, instance, ephemeral or specified. */
    public static LiteOption withHostIdentifier(String kind) {
        requireNonNull(kind, "kind is null");
        return s -> s.hostIdentifier = kind;
    }

    /** {@code --specified_identifier}, for {@code --host_identifier=specified}. */
    public static LiteOption withSpecifiedIdentifier(String identifier) {
        requireNonNull(identifier, "identifier is null");
        return s -> s.specifiedIdentifier = identifier;
    }

    /** osqueryd-lite's own {@code --lite_host_uuid}: many engines on one machine need distinct host uuids. */
    public static LiteOption withHostUuid(String uuid) {
        requireNonNull(uuid, "uuid is null");
        return s -> s.hostUuid = uuid;
    }

    /** {@code --pack_delimiter}. */
    public static LiteOption withPackDelimiter(String delimiter) {
        requireNonNull(delimiter, "delimiter is null");
        return s -> s.packDelimiter = delimiter;
    }

    /** {@code --schedule_epoch}. */
    public static LiteOption withScheduleEpoch(long epoch) {
        return s -> s.scheduleEpoch = epoch;
    }

    /** {@code --schedule_splay_percent}. */
    public static LiteOption withScheduleSplayPercent(int percent) {
        return s -> s.scheduleSplayPercent = percent;
    }

    /**
     * osquery's TLS flags ({@code --tls_hostname}, {@code --*_tls_endpoint}, {@code --enroll_secret_path},
     * {@code --tls_server_certs}, {@code --logger_tls_period} ...), for the built-in {@code tls} config, logger
     * and distributed plugins.
     */
    public static LiteOption withTls(TlsOptions tls) {
        requireNonNull(tls, "tls is null");
        return s -> s.tls = tls;
    }

    /** Every flag with its value, default and type: for the manager's options() and osquery_flags. */
    public static LiteOption withFlags(Map<String, OptionInfo> flags) {
        Map<String, OptionInfo> copy = Map.copyOf(requireNonNull(flags, "flags is null"));
        return s -> s.flags = copy;
    }

    public static LiteOption withClock(Clock clock) {
        requireNonNull(clock, "clock is null");
        return s -> s.clock = clock;
    }

    public static LiteOption withRandom(Random random) {
        requireNonNull(random, "random is null");
        return s -> s.random = random;
    }

    /** Where the system tables read from (tests point it at fixtures). */
    public static LiteOption withSystemFiles(SystemFiles files) {
        requireNonNull(files, "files is null");
        return s -> s.files = files;
    }

    /** Where the stdout logger writes. */
    public static LiteOption withStdout(PrintStream out) {
        requireNonNull(out, "out is null");
        return s -> s.stdout = out;
    }

    private static void requirePositive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }

    private OsquerydLite(Settings settings) {
        this.settings = settings;
        this.instanceId = uuid(settings.random);
        this.ephemeralId = uuid(settings.random);
        this.startTime = settings.clock.instant().getEpochSecond();
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /**
     * An engine with {@code options} applied to osqueryd's defaults.
     *
     * @throws IllegalArgumentException when the socket path is longer than osquery allows
     */
    public static OsquerydLite create(LiteOption... options) {
        requireNonNull(options, "options is null");
        Settings settings = new Settings();
        for (LiteOption option : options) {
            requireNonNull(option, "option is null").accept(settings);
        }
        SocketPaths.checkLength(settings.extensionsSocket);
        return new OsquerydLite(settings);
    }

    public Path socket() {
        return settings.extensionsSocket;
    }

    /** The host identifier per {@code --host_identifier}. */
    public String hostIdentifier() {
        return switch (settings.hostIdentifier.toLowerCase(Locale.ROOT)) {
            case "uuid" -> hostUuid();
            case "instance" -> instanceId;
            case "ephemeral" -> ephemeralId;
            case "specified" -> settings.specifiedIdentifier;
            default -> SystemInfoTable.hostname(settings.files);
        };
    }

    synchronized String hostUuid() {
        if (hostUuid != null) {
            return hostUuid;
        }
        if (!settings.hostUuid.isBlank()) {
            hostUuid = settings.hostUuid.strip();
            return hostUuid;
        }
        String dmi = settings.files.readTrimmed("/sys/class/dmi/id/product_uuid");
        if (!dmi.isEmpty()) {
            hostUuid = dmi;
            return hostUuid;
        }
        try {
            hostUuid = database == null ? uuid(settings.random) : database.storedHostUuid();
        } catch (LiteException e) {
            log.warn("{}; using a uuid for this run only", e.getMessage());
            hostUuid = uuid(settings.random);
        }
        return hostUuid;
    }

    /**
     * Takes the pidfile and database, serves the manager, waits for required extensions, reads config and starts
     * the schedule, distributed and status loops.
     *
     * @throws LiteException saying what could not be done; everything started so far is stopped again
     */
    public void start() throws LiteException, InterruptedException {
        synchronized (this) {
            if (started || stopping) {
                throw new IllegalStateException("osqueryd-lite starts once");
            }
            started = true;
        }
        try {
            startParts();
        } catch (LiteException | RuntimeException | InterruptedException e) {
            boolean stopRequested = isStopping();
            stop();
            if (!stopRequested) {
                throw e;
            }
            // A stop during start-up (a signal, a manager shutdown call) is not a failure.
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void startParts() throws LiteException, InterruptedException {
        pidfile = Pidfile.acquire(settings.pidfile);
        database = DatabaseDirectory.open(settings.databasePath);

        // Like osqueryd, the tls plugins are always there; they reach the server only when the flags select them.
        tls = new TlsPlugins(settings.tls, settings.version, this::hostIdentifier, sql -> queries.query(sql).rows(),
                settings.databasePath, json);
        List<Plugin> internal = new ArrayList<>(List.of(FilesystemConfigPlugin.create(settings.configPath),
                FilesystemLoggerPlugin.create(settings.loggerPath), StdoutLoggerPlugin.create(settings.stdout)));
        internal.addAll(tls.plugins());
        List<Table> tables = EngineTables.create(settings.files, settings.clock, arch(), this::hostUuid, state());
        Set<String> tableNames = new TreeSet<>();
        tables.forEach(t -> tableNames.add(t.name()));
        registry = new ExtensionRegistry(settings.extensionsSocket, settings.extensionsTimeout, settings.random,
                internal, tableNames);
        queries = new QueryEngine(new RegistryCatalog(tables, registry, json));
        logs = new LogDispatcher(settings.loggerPlugins, registry::call, settings.clock, this::hostIdentifier, json);
        scheduler = new Scheduler(queries::query, logs, new ResultLogFormat(json, settings.loggerNumerics),
                settings.clock, settings.random, this::hostIdentifier, settings.scheduleEpoch,
                settings.scheduleSplayPercent);
        distributed = new DistributedPoller(settings.distributedPlugin, registry::call, queries::query, settings.clock,
                settings.distributedInterval, json);
        health = new ExtensionHealth(registry);
        engine = Executors.newSingleThreadScheduledExecutor(daemon("osqueryd-lite-engine"));
        healthTimer = Executors.newSingleThreadScheduledExecutor(daemon("osqueryd-lite-extensions"));
        // Config and distributed calls may wait on a server (the tls plugins retry with back-off): not on the
        // schedule's thread.
        remote = Executors.newSingleThreadScheduledExecutor(daemon("osqueryd-lite-remote"));

        if (!settings.disableExtensions) {
            serveManager();
            long interval = settings.extensionsInterval.toMillis();
            healthTimer.scheduleWithFixedDelay(guarded("checking extensions", health::check), interval, interval,
                    TimeUnit.MILLISECONDS);
        }
        awaitExtensions();

        logs.init("osqueryd");
        if (settings.loggerPlugins.contains(TlsPlugins.NAME)) {
            tls.startLogger();
        }
        status(StatusLine.INFO, "osqueryd-lite " + settings.version + " started (development, demos, tests and load "
                + "simulation; production hosts run real osquery)");
        boolean configured = refreshConfig();
        scheduleConfigRefresh(configured);
        engine.scheduleAtFixedRate(guarded("running the schedule", scheduler::tick), 1, 1, TimeUnit.SECONDS);
        engine.scheduleWithFixedDelay(guarded("sending status logs", logs::flushStatus), 1, 1, TimeUnit.SECONDS);
        if (!settings.disableDistributed) {
            remote.schedule(this::pollDistributed, 1, TimeUnit.SECONDS);
        }
    }

    private void serveManager() throws LiteException {
        Path socket = settings.extensionsSocket;
        try {
            Path parent = socket.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(socket)) {
                if (answers(socket)) {
                    throw new LiteException("extensions socket " + socket + " is in use by another osqueryd");
                }
                Files.delete(socket); // stale: left by an osqueryd that did not exit cleanly
            }
            ManagerService manager = new ManagerService(registry, queries, () -> settings.flags, this::requestStop);
            server = UnixSocketServer.start(socket, "osqueryd-lite-manager", ExtensionProcessor.forManager(manager));
        } catch (IOException e) {
            throw new LiteException("serving the extension manager on " + socket + ": " + e.getMessage(), e);
        }
        log.info("extension manager listening on {}", socket);
    }

    private static boolean answers(Path socket) {
        try (UnixSocketTransport ignored = UnixSocketTransport.connect(socket, Duration.ofSeconds(1))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits up to {@code --extensions_timeout} for the required extensions, and for the config, logger and
     * distributed plugins the flags name that extensions are to provide (osqueryd's extension delay). A missing
     * required extension is fatal; a missing plugin only delays its loop.
     */
    private void awaitExtensions() throws LiteException, InterruptedException {
        Set<String> plugins = new LinkedHashSet<>();
        plugins.add(Registries.CONFIG + "/" + settings.configPlugin);
        settings.loggerPlugins.forEach(l -> plugins.add(Registries.LOGGER + "/" + l));
        if (!settings.disableDistributed) {
            plugins.add(Registries.DISTRIBUTED + "/" + settings.distributedPlugin);
        }
        long deadline = System.nanoTime() + settings.extensionsTimeout.toNanos();
        while (true) {
            List<String> missingExtensions = new ArrayList<>();
            for (String name : settings.extensionsRequire) {
                if (!registry.hasExtension(name)) {
                    missingExtensions.add(name);
                }
            }
            List<String> missingPlugins = new ArrayList<>();
            for (String plugin : plugins) {
                String[] parts = plugin.split("/", 2);
                if (!registry.hasPlugin(parts[0], parts[1])) {
                    missingPlugins.add(plugin);
                }
            }
            if (missingExtensions.isEmpty() && (missingPlugins.isEmpty() || settings.disableExtensions)) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                if (!missingExtensions.isEmpty()) {
                    throw new LiteException("required extension(s) not registered within "
                            + settings.extensionsTimeout.toMillis() + " ms: " + String.join(", ", missingExtensions));
                }
                log.warn("plugins not available after {} ms: {}; their loops retry", settings.extensionsTimeout.toMillis(),
                        missingPlugins);
                return;
            }
            if (stopped.await(SocketPaths.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LiteException("stopped while waiting for extensions"); // start() sees the stop request
            }
        }
    }

    /** Pulls config now and applies it; false when it could not. */
    boolean refreshConfig() {
        ExtensionResponse response = registry.call(Registries.CONFIG, settings.configPlugin,
                Map.of("action", "genConfig"));
        if (!response.isOk()) {
            status(StatusLine.WARNING, "config plugin " + settings.configPlugin + " failed: "
                    + response.status().message());
            configValid = false;
            return false;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        response.response().forEach(sources::putAll);
        OsqueryConfig config;
        try {
            config = new ConfigParser(json, settings.packDelimiter, this::readPackFile).parse(sources);
        } catch (IllegalArgumentException e) {
            status(StatusLine.ERROR, "config from " + settings.configPlugin + " is not valid: " + e.getMessage());
            configValid = false;
            return false;
        }
        boolean changed = !config.hash().equals(configHash);
        scheduler.apply(config);
        applyOptions(config.options());
        configHash = config.hash();
        configValid = true;
        if (changed) {
            status(StatusLine.INFO, "config from " + settings.configPlugin + " applied: "
                    + config.schedule().size() + " scheduled queries");
        }
        return true;
    }

    /** The config options osqueryd-lite honours at run time; the others are kept in the config only. */
    private void applyOptions(Map<String, String> options) {
        secondsOption(options, "distributed_interval").ifPresent(distributed::setInterval);
        secondsOption(options, "logger_tls_period").ifPresent(tls::setLoggerPeriod);
    }

    private Optional<Duration> secondsOption(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            status(StatusLine.WARNING, "config option " + name + " is not a number: " + value);
            return Optional.empty();
        }
    }

    private Optional<String> readPackFile(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void scheduleConfigRefresh(boolean lastSucceeded) {
        Duration next = lastSucceeded ? settings.configRefresh : settings.configAcceleratedRefresh;
        if (next.isZero() || next.isNegative()) {
            return; // --config_refresh=0 and the pull worked: osqueryd reads config once
        }
        try {
            remote.schedule(() -> {
                boolean ok = false;
                try {
                    ok = refreshConfig();
                } catch (RuntimeException e) {
                    log.warn("refreshing config failed", e);
                }
                scheduleConfigRefresh(ok);
            }, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void pollDistributed() {
        try {
            int ran = distributed.poll();
            if (ran > 0) {
                log.debug("ran {} distributed queries", ran);
            }
        } catch (DistributedException e) {
            log.warn("distributed: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("distributed round failed", e);
        }
        try {
            remote.schedule(this::pollDistributed, distributed.nextDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void status(int severity, String message) {
        if (severity >= StatusLine.WARNING) {
            log.warn(message);
        } else {
            log.info(message);
        }
        if (logs != null) {
            logs.status(severity, "osqueryd-lite", 0, message);
        }
    }

    private Runnable guarded(String doing, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed", doing, e);
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String arch() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** Runs until stopped: {@link #stop()}, a manager {@code shutdown} call, or the group's interrupt. */
    public void run() throws LiteException, InterruptedException {
        synchronized (this) {
            if (stopping) {
                return;
            }
        }
        start();
        stopped.await();
    }

    /** Asks {@link #run()} to return; the stop itself happens on another thread (callers may be connection threads). */
    public void requestStop() {
        Thread stopper = new Thread(this::stop, "osqueryd-lite-stop");
        stopper.setDaemon(false);
        stopper.start();
    }

    /**
     * Stops everything: the loops, then tells every extension to shut down, closes the socket (removing its file),
     * releases the database and removes the pidfile. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        try {
            if (engine != null) {
                engine.shutdownNow();
            }
            if (healthTimer != null) {
                healthTimer.shutdownNow();
            }
            if (remote != null) {
                remote.shutdownNow();
            }
            if (logs != null) {
                status(StatusLine.INFO, "osqueryd-lite stopping");
                try {
                    logs.flushStatus();
                } catch (RuntimeException e) {
                    log.debug("last status flush failed: {}", e.toString());
                }
            }
            if (tls != null) {
                tls.stop(); // after the status flush: its lines are in the tls logger's buffer
            }
            if (health != null) {
                health.shutdownAll();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            if (pidfile != null) {
                pidfile.release();
            }
            stopped.countDown();
            log.info("osqueryd-lite stopped");
        }
    }

    @Override
    public void execute() throws Exception {
        run();
    }

    @Override
    public void interrupt(Throwable cause) {
        stop();
    }

    private EngineTables.State state() {
        return new EngineTables.State() {
            @Override
            public String version() {
                return settings.version;
            }

            @Override
            public String hostUuid() {
                return OsquerydLite.this.hostUuid();
            }

            @Override
            public String instanceId() {
                return instanceId;
            }

            @Override
            public String configHash() {
                return configHash;
            }

            @Override
            public boolean configValid() {
                return configValid;
            }

            @Override
            public long startTime() {
                return startTime;
            }

            @Override
            public boolean extensionsActive() {
                return !settings.disableExtensions;
            }

            @Override
            public Path socket() {
                return settings.extensionsSocket;
            }

            @Override
            public Map<String, OptionInfo> flags() {
                return settings.flags;
            }

            @Override
            public ExtensionRegistry registry() {
                return registry;
            }
        };
    }
}
