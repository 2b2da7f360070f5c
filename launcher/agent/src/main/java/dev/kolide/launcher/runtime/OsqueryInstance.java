package dev.kolide.launcher.runtime;

import static dev.kolide.osquery.sdk.server.ExtensionServer.withPlugins;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withTimeout;
import static dev.kolide.osquery.sdk.server.ExtensionServer.withVersion;
import static java.util.Objects.requireNonNull;

import dev.kolide.kit.run.Actor;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.client.ExtensionManagerClient;
import dev.kolide.osquery.sdk.plugin.Plugin;
import dev.kolide.osquery.sdk.server.ExtensionRegistrationException;
import dev.kolide.osquery.sdk.server.ExtensionServer;
import dev.kolide.osquery.sdk.transport.SocketPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs osqueryd and keeps it running (launcher's osquery runtime, reference §1.2): starts it in its own process
 * group, serves the launcher's extension plugins on its socket, pings both every health interval, and restarts
 * osqueryd when it exits, a health check fails, or {@link #restart()} asks. A failed start is retried after a
 * back-off (1 s doubling to 10 s by default) until {@link #shutdown()}: the runtime never gives up because
 * osqueryd failed (LM, #1952).
 *
 * <pre>{@code
 * OsqueryInstance osquery = OsqueryInstance.launch(withRootDirectory(root), withExtensionPlugins(plugins));
 * osquery.awaitHealthy(Duration.ofSeconds(30));
 * List<Map<String, String>> rows = osquery.query("select version from osquery_info");
 * osquery.shutdown();
 * }</pre>
 *
 * <p>As an {@link Actor} in a {@link dev.kolide.kit.run.RunGroup}, made with {@link #create}: {@link #execute()} is
 * {@link #run()}, {@link #interrupt(Throwable)} asks for the shutdown without waiting for it.
 */
public final class OsqueryInstance implements Actor {
    private final Logger log = LoggerFactory.getLogger(OsqueryInstance.class);
    private final OsqueryOptions.Settings settings;
    private final Path socket;
    private final List<Plugin> plugins;
    private final StaleFiles staleFiles = new StaleFiles();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean runCalled = new AtomicBoolean();
    private final AtomicBoolean pluginsShutDown = new AtomicBoolean();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong spawns = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile Running current;
    private volatile Thread supervisor;
    private volatile List<String> lastCommand;
    private Path lastBinary; // the supervisor's own: which binary the failure count is for
    private int consecutiveFailures;

    private enum Kind { EXITED, EXTENSION_STOPPED, RESTART, STOP }

    /** What ends an instance; {@code generation} 0 means whichever is running. */
    private record Event(Kind kind, long generation, String reason) {}

    /** One osqueryd process and the extension serving it. */
    private static final class Running {
        final long generation;
        final ProcessGroup process;
        final long startedNanos = System.nanoTime();
        ExtensionServer extension;
        ExtensionManagerClient client;
        volatile boolean ready;

        Running(long generation, ProcessGroup process) {
            this.generation = generation;
            this.process = process;
        }
    }

    /** Why one start attempt failed; the supervisor retries after the back-off. */
    private static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OsqueryInstance(OsqueryOptions.Settings settings) {
        this.settings = settings;
        this.socket = settings.socket();
        this.plugins = settings.plugins.stream().<Plugin>map(LongLivedPlugin::new).toList();
    }

    /**
     * An instance that does nothing until {@link #run()} (launcher's {@code LaunchUnstartedInstance}).
     *
     * @throws IllegalArgumentException without a root directory, or when the socket path is too long for osquery
     */
    public static OsqueryInstance create(OsqueryOption... options) {
        requireNonNull(options, "options is null");
        OsqueryOptions.Settings settings = new OsqueryOptions.Settings();
        for (OsqueryOption option : options) {
            requireNonNull(option, "option is null").apply(settings);
        }
        if (settings.rootDirectory == null) {
            throw new IllegalArgumentException("the osquery runtime needs a root directory: pass withRootDirectory");
        }
        checkSocketLength(settings.socket());
        return new OsqueryInstance(settings);
    }

    /** An instance already supervising osqueryd on a thread of its own (launcher's {@code LaunchInstance}). */
    public static OsqueryInstance launch(OsqueryOption... options) {
        OsqueryInstance instance = create(options);
        Thread thread = new Thread(() -> {
            try {
                instance.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                instance.log.error("the osquery runtime failed", e);
            }
        }, "osquery-runtime");
        thread.start();
        return instance;
    }

    /**
     * Unix socket paths hold 104-108 bytes, and each extension serves on {@code <socket>.<uuid>}: osquery-go allows
     * 97. Failing here, with the fix in the message, beats osqueryd failing at every start; no short path is
     * substituted because users point osqueryi at the socket they configured.
     */
    private static void checkSocketLength(Path socket) {
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SocketPaths.MAX_LENGTH) {
            throw new IllegalArgumentException("osquery extension socket path " + socket + " is " + bytes
                    + " bytes long; osquery allows at most " + SocketPaths.MAX_LENGTH
                    + ": use a shorter root directory or withExtensionSocketPath");
        }
    }

    /**
     * Supervises osqueryd until {@link #shutdown()}: starts it, checks its health, restarts it with back-off. Does not
     * throw because osqueryd failed; runs once.
     *
     * @throws InterruptedException when the running thread is interrupted (osqueryd is stopped first)
     */
    public void run() throws InterruptedException {
        if (!runCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("an osquery instance runs once");
        }
        supervisor = Thread.currentThread();
        try {
            supervise();
        } finally {
            shutdownPlugins(); // before shutdown() returns: callers may close what the plugins use
            log.info("osquery runtime stopped");
            finished.countDown();
        }
    }

    private void supervise() throws InterruptedException {
        Duration delay = settings.restartDelay;
        while (!stopping()) {
            Running running = null;
            Event end;
            try {
                running = start();
                end = watch(running);
            } catch (StartFailure e) {
                startFailed(e.getMessage());
                end = new Event(Kind.EXITED, 0, e.getMessage());
            } catch (RuntimeException e) {
                // a bug of ours, or a plugin's: still no reason to leave the host without osquery
                log.error("supervising osqueryd failed unexpectedly", e);
                end = new Event(Kind.EXITED, 0, "unexpected failure: " + e);
            } finally {
                current = null;
                if (running != null) {
                    stop(running);
                }
            }
            if (stopping() || end.kind() == Kind.STOP) {
                return;
            }
            if (running != null && running.ready) {
                delay = settings.restartDelay; // it had come up: this is a new failure, not a start loop
            }
            if (end.kind() == Kind.RESTART) {
                log.atWarn().addKeyValue("reason", end.reason()).addKeyValue("restarts", restarts())
                        .log("restarting osqueryd");
                continue;
            }
            log.atWarn().addKeyValue("reason", end.reason()).addKeyValue("delay_ms", delay.toMillis())
                    .addKeyValue("restarts", restarts()).log("osqueryd stopped; restarting after the back-off");
            Event early = awaitEvent(delay, 0);
            if (early != null && early.kind() == Kind.STOP) {
                return;
            }
            delay = min(delay.multipliedBy(2), settings.maxRestartDelay);
        }
    }

    /** Starts osqueryd and the extension, and checks both answer; on failure nothing is left running. */
    private Running start() throws StartFailure, InterruptedException {
        attempts.incrementAndGet();
        Path binary = binaryForThisStart();
        List<String> command = OsquerydCommand.command(settings, binary);
        lastCommand = command;
        try {
            Files.createDirectories(settings.rootDirectory);
            staleFiles.clean(socket, settings.pidfile());
        } catch (IOException e) {
            throw new StartFailure("preparing root directory " + settings.rootDirectory + ": " + e, e);
        }
        ProcessGroup process;
        try {
            process = ProcessGroup.start(command, settings.useSetsid, settings.stdout, settings.stderr);
        } catch (IOException e) {
            throw new StartFailure("starting " + binary + ": " + e.getMessage(), e);
        }
        spawns.incrementAndGet();
        long generation = generations.incrementAndGet();
        Running running = new Running(generation, process);
        process.process().onExit().thenAccept(p -> events.add(
                new Event(Kind.EXITED, generation, "osqueryd " + ProcessGroup.describeExit(p.exitValue()))));
        log.atInfo().addKeyValue("pid", process.pid()).addKeyValue("own_process_group", process.ownGroup())
                .addKeyValue("binary", binary).addKeyValue("socket", socket)
                .log("started osqueryd");
        try {
            running.extension = startExtension(running);
            serveExtension(running);
            running.client = ExtensionManagerClient.connect(socket, settings.clientTimeout);
            String failure = checkHealth(running);
            if (failure != null) {
                throw new StartFailure("osqueryd started but is not healthy: " + failure, null);
            }
        } catch (StartFailure | RuntimeException e) {
            stop(running);
            if (e instanceof StartFailure failure) {
                throw failure;
            }
            throw new StartFailure("starting the extension for osqueryd " + process.pid() + ": " + e, e);
        } catch (InterruptedException e) {
            stop(running);
            throw e;
        }
        running.ready = true;
        current = running;
        startSucceeded();
        log.atInfo().addKeyValue("pid", process.pid())
                .addKeyValue("startup_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - running.startedNanos))
                .log("osqueryd is up");
        return running;
    }

    /** The binary source's answer now: a restart after an update runs the new binary. */
    private Path binaryForThisStart() throws StartFailure {
        Path binary;
        try {
            binary = requireNonNull(settings.osquerydBinary.get(), "the osqueryd binary source returned null");
        } catch (RuntimeException e) {
            lastBinary = null; // no binary to blame for this failure
            throw new StartFailure("choosing the osqueryd binary: " + e.getMessage(), e);
        }
        if (!binary.equals(lastBinary)) {
            consecutiveFailures = 0; // a new binary gets a fresh count
        }
        lastBinary = binary;
        return binary;
    }

    private void startSucceeded() {
        consecutiveFailures = 0;
        notifyListener(() -> settings.startListener.started(lastBinary));
    }

    private void startFailed(String reason) {
        if (lastBinary == null) {
            return; // no binary was chosen: nothing to blame
        }
        int failures = ++consecutiveFailures;
        notifyListener(() -> settings.startListener.failed(lastBinary, failures, reason));
    }

    /** A listener's failure is logged; it must not take osqueryd's supervision down with it. */
    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("the osqueryd start listener failed", e);
        }
    }

    /**
     * Registers the extension once osqueryd has created its socket and accepts it, retrying every 200 ms (#1210) up
     * to the startup timeout.
     */
    private ExtensionServer startExtension(Running running) throws StartFailure, InterruptedException {
        long deadline = System.nanoTime() + settings.startupTimeout.toNanos();
        String lastFailure = "osqueryd did not create " + socket;
        while (true) {
            if (!running.process.isAlive()) {
                throw new StartFailure("osqueryd " + ProcessGroup.describeExit(running.process.process().exitValue())
                        + " during start-up", null);
            }
            if (stopping()) {
                throw new StartFailure("shut down during start-up", null);
            }
            if (Files.exists(socket)) {
                ExtensionServer server = ExtensionServer.create(settings.extensionName, socket,
                        withTimeout(settings.clientTimeout), withVersion(settings.extensionVersion),
                        withPlugins(plugins.toArray(Plugin[]::new)));
                try {
                    server.start();
                    return server;
                } catch (OsqueryTransportException | ExtensionRegistrationException e) {
                    server.shutdown();
                    lastFailure = e.getMessage();
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new StartFailure("osqueryd did not accept extension " + settings.extensionName + " within "
                        + settings.startupTimeout.toMillis() + " ms: " + lastFailure, null);
            }
            stopRequested.await(SocketPaths.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The extension pings osqueryd on its own thread; its end (osqueryd gone, or shut down by it) ends the instance. */
    private void serveExtension(Running running) {
        ExtensionServer server = running.extension;
        long generation = running.generation;
        Thread thread = new Thread(() -> {
            String reason;
            try {
                server.run();
                reason = "the extension was shut down";
            } catch (InterruptedException e) {
                reason = "the extension's thread was interrupted";
            } catch (RuntimeException e) {
                reason = "the extension stopped: " + e.getMessage();
            }
            events.add(new Event(Kind.EXTENSION_STOPPED, generation, reason));
        }, "osquery-extension-" + generation);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the instance ends, checking health every interval; returns why it ended. */
    private Event watch(Running running) throws InterruptedException {
        long nextCheck = System.nanoTime() + settings.healthCheckInterval.toNanos();
        while (true) {
            long wait = nextCheck - System.nanoTime();
            Event event = wait > 0 ? awaitEvent(Duration.ofNanos(wait), running.generation) : null;
            if (event != null) {
                return event;
            }
            if (System.nanoTime() < nextCheck) {
                continue;
            }
            String failure = checkHealth(running);
            if (failure != null) {
                return new Event(Kind.EXITED, running.generation, "health check failed: " + failure);
            }
            nextCheck = System.nanoTime() + settings.healthCheckInterval.toNanos();
        }
    }

    /** The next event for {@code generation} (or for whichever runs), ignoring those of instances already gone. */
    private Event awaitEvent(Duration timeout, long generation) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (event.generation() == 0 || event.generation() == generation) {
                return event;
            }
        }
    }

    /** Null when osqueryd and the extension answer within the tries; else the last failure. */
    private String checkHealth(Running running) throws InterruptedException {
        String failure = null;
        for (int attempt = 1; attempt <= settings.healthCheckTries; attempt++) {
            failure = ping(running);
            if (failure == null || !running.process.isAlive()) {
                return failure;
            }
            if (attempt < settings.healthCheckTries
                    && stopRequested.await(settings.healthCheckRetryDelay.toMillis(), TimeUnit.MILLISECONDS)) {
                return failure;
            }
        }
        return failure;
    }

    private String ping(Running running) {
        if (!running.process.isAlive()) {
            return "osqueryd exited";
        }
        try {
            ExtensionStatus status = running.client.ping();
            if (!status.isOk()) {
                return "osqueryd answered ping with " + status.code() + ": " + status.message();
            }
        } catch (OsqueryTransportException e) {
            return "pinging osqueryd: " + e.getMessage();
        }
        if (running.extension.isShutDown()) {
            return "the extension was shut down";
        }
        try (ExtensionManagerClient extension = ExtensionManagerClient.connect(running.extension.extensionSocket(),
                settings.clientTimeout)) {
            ExtensionStatus status = extension.ping();
            return status.isOk() ? null : "the extension answered ping with " + status.code() + ": " + status.message();
        } catch (OsqueryTransportException | IllegalStateException e) {
            return "pinging the extension: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while pinging the extension";
        }
    }

    /** Stops the extension, then the process group: SIGTERM, the grace period, SIGKILL. Safe to interrupt. */
    private void stop(Running running) {
        running.ready = false;
        boolean interrupted = Thread.interrupted(); // the kill must happen even on an interrupted thread
        try {
            if (running.extension != null) {
                running.extension.shutdown();
            }
            if (running.client != null) {
                running.client.close();
            }
            try {
                running.process.terminate(settings.shutdownGracePeriod);
            } catch (InterruptedException e) {
                interrupted = true;
                running.process.process().destroyForcibly();
            }
            log.atInfo().addKeyValue("pid", running.process.pid())
                    .addKeyValue("exit", running.process.isAlive() ? "still running"
                            : ProcessGroup.describeExit(running.process.process().exitValue()))
                    .log("osqueryd stopped");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /** Asks for the shutdown and returns at once. */
    private void requestStop() {
        stopRequested.countDown();
        events.add(new Event(Kind.STOP, 0, "shutdown requested"));
    }

    /**
     * Permanent: stops the extension and osqueryd's whole process group, and returns once they are stopped (or
     * after the grace period and some seconds more). Idempotent; {@link #run()} then returns.
     */
    public void shutdown() {
        requestStop();
        if (!runCalled.get()) {
            shutdownPlugins(); // run() never will
            return;
        }
        if (Thread.currentThread() == supervisor) {
            return;
        }
        long waitMillis = settings.shutdownGracePeriod.plus(settings.clientTimeout.multipliedBy(2)).toMillis() + 5_000;
        try {
            if (!finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
                log.atWarn().addKeyValue("waited_ms", waitMillis).log("the osquery runtime is still stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills osqueryd and starts it again at once (after an osqueryd update, say). */
    public void restart() {
        events.add(new Event(Kind.RESTART, 0, "restart requested"));
    }

    /** Whether osqueryd is up and it and the extension answer a ping now. */
    public boolean healthy() {
        Running running = current;
        return running != null && running.ready && ping(running) == null;
    }

    /** Waits until {@link #healthy()}; false when the timeout passed or the runtime was shut down. */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy()) {
            if (stopping() || System.nanoTime() >= deadline) {
                return false;
            }
            if (stopRequested.await(100, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code sql} in the running osqueryd, through its extension manager.
     *
     * @throws OsqueryNotRunningException while osqueryd is starting, restarting or shut down
     * @throws OsqueryQueryException when osqueryd refused the query or the call failed
     */
    public List<Map<String, String>> query(String sql) {
        requireNonNull(sql, "sql is null");
        Running running = current;
        if (running == null || !running.ready) {
            throw new OsqueryNotRunningException("osqueryd is not running (" + (stopping() ? "shut down"
                    : "starting or restarting") + "): cannot run query: " + sql);
        }
        ExtensionResponse response;
        try {
            response = running.client.query(sql);
        } catch (OsqueryTransportException e) {
            if (!running.ready) {
                throw new OsqueryNotRunningException("osqueryd stopped while running query: " + sql);
            }
            throw new OsqueryQueryException("running query through osqueryd at " + socket + ": " + e.getMessage(), e);
        }
        if (!response.isOk()) {
            throw new OsqueryQueryException("osqueryd refused query \"" + sql + "\": " + response.status().message());
        }
        return response.response();
    }

    /** The socket osqueryd's extension manager listens on (what osqueryi's {@code --connect} wants). */
    public Path extensionSocket() {
        return socket;
    }

    /** How many times osqueryd was started again after its first start. */
    public long restarts() {
        return Math.max(0, spawns.get() - 1);
    }

    /** How many starts were tried, failed ones included. */
    long startAttempts() {
        return attempts.get();
    }

    /** The pid of the osqueryd that is up, if one is. */
    public OptionalLong pid() {
        Running running = current;
        return running == null ? OptionalLong.empty() : OptionalLong.of(running.process.pid());
    }

    /**
     * The osqueryd command line, binary first: the last start's, or before the first start the one it would run
     * now (the binary is chosen again at each start).
     */
    public List<String> command() {
        List<String> last = lastCommand;
        return last != null ? last : OsquerydCommand.command(settings, settings.osquerydBinary.get());
    }

    private void shutdownPlugins() {
        if (!pluginsShutDown.compareAndSet(false, true)) {
            return;
        }
        for (Plugin plugin : settings.plugins) {
            try {
                plugin.shutdown();
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("plugin", plugin.registry() + "/" + plugin.name())
                        .log("shutting down plugin failed", e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void execute() throws InterruptedException {
        run();
    }

    @Override
    public void interrupt(Throwable cause) {
        requestStop();
    }
}
