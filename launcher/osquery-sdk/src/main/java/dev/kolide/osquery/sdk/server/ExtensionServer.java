package dev.kolide.osquery.sdk.server;

import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Actor;
import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.plugin.Registries;
import dev.kolide.osquery.sdk.thrift.ExtensionProcessor;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An osquery extension: registers its plugins with osqueryd's extension manager, serves them on
 * {@code <socket>.<uuid>}, and pings the manager until one of them goes away. It behaves as osquery-go's
 * {@code ExtensionManagerServer}.
 *
 * <pre>{@code
 * ExtensionServer server = ExtensionServer.create("kolide_grpc", rootDir.resolve("osquery.sock"),
 *         withTimeout(Duration.ofSeconds(5)),
 *         withPlugins(configPlugin, loggerPlugin, distributedPlugin, identifierTable));
 * server.run();   // registers, serves; returns when shut down, throws when osqueryd goes away
 * }</pre>
 *
 * <p>As a {@link Actor} it runs in a {@link dev.kolide.kit.run.RunGroup}: {@link #execute()} is {@link #run()},
 * {@link #interrupt(Throwable)} is {@link #shutdown()}.
 */
public final class ExtensionServer implements Actor, AutoCloseable {
    private final Logger log = LoggerFactory.getLogger(ExtensionServer.class);
    private final String name;
    private final Path socket;
    private final Settings settings;
    private final Map<String, Map<String, Plugin>> plugins = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down once a shutdown has finished: deregistered, socket closed and removed. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private ExtensionManagerClient client;
    private UnixSocketServer server;
    private long uuid;
    private boolean started;
    private boolean shutDown;

    /** The defaults, in one place; options change them before {@link #create} reads them. */
    public static final class Settings {
        Duration timeout = Duration.ofSeconds(1);
        Duration pingInterval = Duration.ofSeconds(5);
        String version = "";
        final List<Plugin> plugins = new ArrayList<>();

        private Settings() {}
    }

    /**
     * How long to wait for the manager's socket to appear and for each call (osquery-go's default: 1 s). Launcher
     * uses 5 s.
     */
    public static ExtensionServerOption withTimeout(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return settings -> settings.timeout = timeout;
    }

    /** How often to ping the manager (osquery-go's default: 5 s). */
    public static ExtensionServerOption withPingInterval(Duration interval) {
        requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ping interval must be positive, not " + interval);
        }
        return settings -> settings.pingInterval = interval;
    }

    /** The version the extension registers with (osquery_extensions.version). */
    public static ExtensionServerOption withVersion(String version) {
        requireNonNull(version, "version is null");
        return settings -> settings.version = version;
    }

    /** Plugins to register; more may be added with {@link #registerPlugins(Plugin...)} before the start. */
    public static ExtensionServerOption withPlugins(Plugin... plugins) {
        List<Plugin> list = List.of(requireNonNull(plugins, "plugins is null"));
        return settings -> settings.plugins.addAll(list);
    }

    private ExtensionServer(String name, Path socket, Settings settings) {
        this.name = name;
        this.socket = socket;
        this.settings = settings;
        for (String registry : Registries.NAMES) {
            plugins.put(registry, new LinkedHashMap<>());
        }
    }

    /**
     * An extension named {@code name} for the osqueryd whose extension manager listens on {@code socket}.
     *
     * @throws IllegalArgumentException when the socket path is longer than osquery allows
     */
    public static ExtensionServer create(String name, Path socket, ExtensionServerOption... options) {
        requireNonNull(name, "name is null");
        requireNonNull(socket, "socket is null");
        requireNonNull(options, "options is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("extension name is blank");
        }
        SocketPaths.checkLength(socket);
        Settings settings = new Settings();
        for (ExtensionServerOption option : options) {
            requireNonNull(option, "option is null").accept(settings);
        }
        ExtensionServer server = new ExtensionServer(name, socket, settings);
        server.registerPlugins(settings.plugins.toArray(Plugin[]::new));
        return server;
    }

    /**
     * Adds plugins; only before {@link #start()}.
     *
     * @throws IllegalArgumentException for a registry other than table, config, logger, distributed, or a
     *     second plugin of the same name in one registry
     */
    public synchronized void registerPlugins(Plugin... toAdd) {
        requireNonNull(toAdd, "plugins is null");
        if (started) {
            throw new IllegalStateException("registering plugins after extension " + name + " started");
        }
        for (Plugin plugin : toAdd) {
            requireNonNull(plugin, "plugin is null");
            Map<String, Plugin> registry = plugins.get(plugin.registry());
            if (registry == null) {
                throw new IllegalArgumentException("plugin " + plugin.name() + ": unknown registry "
                        + plugin.registry() + " (osquery extensions may register " + Registries.NAMES + ")");
            }
            if (registry.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalArgumentException("two " + plugin.registry() + " plugins named " + plugin.name());
            }
        }
    }

    /** The uuid osqueryd gave this extension; 0 before {@link #start()}. */
    public synchronized long uuid() {
        return uuid;
    }

    /** Where this extension serves once started: {@code <socket>.<uuid>}. */
    public synchronized Path extensionSocket() {
        if (!started) {
            throw new IllegalStateException("extension " + name + " has not started");
        }
        return SocketPaths.extensionSocket(socket, uuid);
    }

    /**
     * Connects to the manager (waiting up to the timeout for its socket), registers every plugin, and serves on
     * {@code <socket>.<uuid>}. Does nothing when already started.
     *
     * @throws OsqueryTransportException when the manager cannot be reached
     * @throws ExtensionRegistrationException when the manager refuses the registration
     * @throws IllegalStateException after a shutdown
     */
    public synchronized void start() throws InterruptedException {
        if (shutDown) {
            throw new IllegalStateException("extension " + name + " was shut down");
        }
        if (started) {
            return;
        }
        client = ExtensionManagerClient.connect(socket, settings.timeout);
        ExtensionStatus status;
        try {
            status = client.registerExtension(ExtensionInfo.of(name, settings.version), registry());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        if (!status.isOk()) {
            client.close();
            throw new ExtensionRegistrationException("registering extension " + name + " with osquery at " + socket
                    + ": " + status.message(), status.code());
        }
        uuid = status.uuid();
        Path path = SocketPaths.extensionSocket(socket, uuid);
        PluginDispatcher dispatcher = new PluginDispatcher(frozenPlugins(), this::shutdownFromManager);
        try {
            server = UnixSocketServer.start(path, "extension-" + name, ExtensionProcessor.forExtension(dispatcher));
        } catch (IOException e) {
            deregisterQuietly();
            client.close();
            throw new OsqueryTransportException("serving extension " + name + " on " + path + ": " + e.getMessage(), e);
        }
        started = true;
        log.info("extension {} registered with osquery at {} as uuid {}", name, socket, uuid);
    }

    /**
     * Starts if needed, then pings the manager every ping interval until {@link #shutdown()} (or the manager's
     * {@code shutdown} call) stops the extension.
     *
     * @throws OsqueryTransportException when a ping fails: osqueryd went away; the extension is shut down
     */
    public void run() throws InterruptedException {
        synchronized (this) {
            if (shutDown) {
                return;
            }
        }
        start();
        long intervalNanos = settings.pingInterval.toNanos();
        try {
            pingUntilStopped(intervalNanos);
        } finally {
            if (stopped.getCount() == 0) {
                awaitClosed(); // whoever stopped us is finishing the shutdown: return once it is done
            }
        }
    }

    private void pingUntilStopped(long intervalNanos) throws InterruptedException {
        while (!stopped.await(intervalNanos, TimeUnit.NANOSECONDS)) {
            ExtensionManagerClient manager;
            synchronized (this) {
                manager = client;
            }
            String failure = null;
            try {
                ExtensionStatus status = manager.ping();
                if (!status.isOk()) {
                    failure = "ping returned status " + status.code() + ": " + status.message();
                }
            } catch (OsqueryTransportException e) {
                if (stopped.getCount() == 0) {
                    return;
                }
                failure = e.getMessage();
            }
            if (failure != null) {
                shutdown();
                throw new OsqueryTransportException("extension " + name + ": pinging osquery failed: " + failure);
            }
        }
    }

    /** Deregisters, stops serving and closes the connection. Idempotent; returns once the shutdown is done. */
    public void shutdown() {
        UnixSocketServer toClose;
        ExtensionManagerClient toDisconnect;
        boolean first;
        synchronized (this) {
            first = !shutDown;
            shutDown = true;
            stopped.countDown();
            if (first && started) {
                deregisterQuietly();
            }
            toClose = server;
            toDisconnect = client;
        }
        if (!first) {
            awaitClosed(); // another caller is shutting down: return once it has finished
            return;
        }
        if (toClose != null) {
            toClose.close();
        }
        if (toDisconnect != null) {
            toDisconnect.close();
        }
        for (Map<String, Plugin> registry : plugins.values()) {
            for (Plugin plugin : registry.values()) {
                try {
                    plugin.shutdown();
                } catch (RuntimeException e) {
                    log.warn("shutting down plugin {}/{} failed", plugin.registry(), plugin.name(), e);
                }
            }
        }
        closed.countDown();
        log.info("extension {} shut down", name);
    }

    private void awaitClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the extension has been shut down (by {@link #shutdown()}, the manager, or a failed ping). */
    public synchronized boolean isShutDown() {
        return shutDown;
    }

    private void shutdownFromManager() {
        // The manager waits for the reply to shutdown, already sent; stop off the connection thread.
        Thread stopper = new Thread(this::shutdown, "extension-" + name + "-shutdown");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void deregisterQuietly() {
        try {
            ExtensionStatus status = client.deregisterExtension(uuid);
            if (!status.isOk()) {
                log.debug("deregistering extension {}: {}", name, status.message());
            }
        } catch (OsqueryTransportException e) {
            log.debug("deregistering extension {}: {}", name, e.getMessage());
        }
    }

    private Map<String, Map<String, List<Map<String, String>>>> registry() {
        Map<String, Map<String, List<Map<String, String>>>> registry = new LinkedHashMap<>();
        plugins.forEach((registryName, byName) -> {
            Map<String, List<Map<String, String>>> routes = new LinkedHashMap<>();
            byName.forEach((pluginName, plugin) -> routes.put(pluginName, plugin.routes()));
            registry.put(registryName, routes);
        });
        return registry;
    }

    private Map<String, Map<String, Plugin>> frozenPlugins() {
        Map<String, Map<String, Plugin>> copy = new LinkedHashMap<>();
        plugins.forEach((registry, byName) -> copy.put(registry, Collections.unmodifiableMap(new LinkedHashMap<>(byName))));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public void execute() throws InterruptedException {
        run();
    }

    @Override
    public void interrupt(Throwable cause) {
        shutdown();
    }

    @Override
    public void close() {
        shutdown();
    }
}
