package dev.kolide.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.perf.Simulation;
import dev.kolide.perf.SimulationSettings;
import dev.kolide.perf.host.HostTemplates;
import dev.kolide.perf.host.NodeKeyStore;
import dev.kolide.perf.stats.Endpoint;
import dev.kolide.perf.stats.EndpointReport;
import dev.kolide.perf.stats.Report;
import dev.kolide.perf.transport.AgentTransport;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One rung of a capacity ladder: N simulated hosts against a server until all are enrolled and online and the
 * first detail and label answers are in (the warm-up), then a measured window of steady state: the simulator's
 * report, and the CPU of the server, the simulator, MariaDB and Redis, and MariaDB's statement counters over
 * exactly that window. While the hosts keep running, {@code whileRunning} may measure more (a live query).
 */
final class LoadStep {
    /** After every host is online: time for the first distributed writes (details, labels) to be done. */
    static final Duration SETTLE = Duration.ofSeconds(25);
    static final Duration DISTRIBUTED = Duration.ofSeconds(10);
    static final Duration CONFIG = Duration.ofMinutes(1);
    static final Duration LOGGER = Duration.ofSeconds(10);
    /** What one step passes at: no error, every endpoint's p99 under this, and the reads all made. */
    static final double P99_LIMIT_MILLIS = 100;
    static final double READ_RATE_FLOOR = 0.95;

    private final PrintStream progress;
    private final ObjectMapper json = new ObjectMapper();

    LoadStep(PrintStream progress) {
        this.progress = progress;
    }

    /** A server under test: its JVM's pid for CPU, and how to reach it. */
    interface Target {
        long pid();

        AgentTransport transport(int hosts);
    }

    /** A measurement made after the window while the hosts keep running. */
    interface WhileRunning {
        LiveQueryProbe.LiveQueryLatency measure() throws InterruptedException;
    }

    /** What the window measured; {@code live} is what {@link WhileRunning} measured, or null. */
    record Result(int hosts, boolean warmedUp, Report window, double serverCpu, double simulatorCpu,
            double mariadbCpu, double redisCpu, SqlCounters.Delta sql, LiveQueryProbe.LiveQueryLatency live) {

        double requestsPerSecond() {
            return window == null ? 0 : window.requestsPerSecond();
        }

        /** The largest p99 among the endpoints that were called in the window. */
        double worstP99() {
            return window == null ? Double.NaN : window.endpoints().values().stream()
                    .filter(e -> e.requests() > 0).mapToDouble(EndpointReport::p99Millis).max().orElse(Double.NaN);
        }

        Map<Endpoint, EndpointReport> endpoints() {
            return window == null ? new EnumMap<>(Endpoint.class) : window.endpoints();
        }

        double readRate() {
            return window == null ? 0 : window.endpoints().get(Endpoint.DISTRIBUTED_READ).requestsPerSecond();
        }

        /** The check-ins fleet served per second of its CPU: requests in the window over CPU seconds. */
        double cpuSecondsPerThousand() {
            return window == null || window.requests() == 0 ? Double.NaN : serverCpu / window.requests() * 1000;
        }

        /** Why the step fails, or null when it passes. */
        String failure() {
            if (!warmedUp) {
                return "not every host came online during the warm-up";
            }
            if (window.errors() > 0) {
                return window.errors() + " errors";
            }
            if (!(worstP99() < P99_LIMIT_MILLIS)) {
                return String.format("p99 %.1f ms", worstP99());
            }
            double expected = hosts / (double) DISTRIBUTED.toSeconds();
            if (readRate() < READ_RATE_FLOOR * expected) {
                return String.format("distributed reads %.0f/s of %.0f/s due", readRate(), expected);
            }
            if (window.online() < hosts) {
                return (hosts - window.online()) + " hosts offline";
            }
            return null;
        }
    }

    /**
     * Runs {@code hosts} hosts (node keys from and into {@code keys}) against {@code target} and measures a
     * {@code window} of steady state; {@code sql} null when the server uses no MariaDB.
     */
    Result run(String label, Target target, int hosts, NodeKeyStore keys, Duration startPeriod, Duration window,
            SqlCounters sql, WhileRunning whileRunning) throws InterruptedException {
        Duration forever = Duration.ofHours(6);
        SimulationSettings settings = SimulationSettings.defaults(hosts, forever)
                .withStartPeriod(startPeriod)
                .withIntervals(DISTRIBUTED, CONFIG, LOGGER)
                .withReportInterval(forever);
        HostTemplates templates = new HostTemplates(new HostTemplates.Intervals(DISTRIBUTED, CONFIG, LOGGER), 0.2,
                Clock.systemUTC(), json);
        long self = ProcessHandle.current().pid();
        try (Simulation simulation = new Simulation(settings, target.transport(hosts), templates, keys)) {
            CompletableFuture<Report> running = simulation.runInBackground();
            try {
                boolean warmedUp = warmUp(label, simulation, hosts, startPeriod);
                if (!warmedUp) {
                    return new Result(hosts, false, null, 0, 0, 0, 0, null, null);
                }
                double server0 = Proc.cpuSeconds(target.pid());
                double sim0 = Proc.cpuSeconds(self);
                double db0 = Proc.cpuSecondsOf("mariadbd");
                double redis0 = Proc.cpuSecondsOf("redis-server");
                SqlCounters.Snapshot sql0 = sql == null ? null : sql.read();
                simulation.report();
                Thread.sleep(window.toMillis());
                Report measured = simulation.report();
                SqlCounters.Snapshot sql1 = sql == null ? null : sql.read();
                Result result = new Result(hosts, true, measured, Proc.cpuSeconds(target.pid()) - server0,
                        Proc.cpuSeconds(self) - sim0, Proc.cpuSecondsOf("mariadbd") - db0,
                        Proc.cpuSecondsOf("redis-server") - redis0, sql1 == null ? null : sql1.since(sql0), null);
                progress.printf("  %s %,d hosts: %.0f req/s, p99 %.1f ms, errors %d, server %.2f cores, "
                        + "simulator %.2f cores, SQL %s -> %s%n", label, hosts, result.requestsPerSecond(),
                        result.worstP99(), measured.errors(), result.serverCpu() / measured.windowSeconds(),
                        result.simulatorCpu() / measured.windowSeconds(), result.sql() == null ? "-"
                                : result.sql().selects() + " selects, writes " + result.sql().writesByKind(),
                        result.failure() == null ? "pass" : "FAIL (" + result.failure() + ")");
                LiveQueryProbe.LiveQueryLatency live = whileRunning == null ? null : whileRunning.measure();
                return new Result(result.hosts(), true, measured, result.serverCpu(), result.simulatorCpu(),
                        result.mariadbCpu(), result.redisCpu(), result.sql(), live);
            } finally {
                simulation.stop();
                try {
                    running.join();
                } catch (CompletionException ignored) {
                    // stopping
                }
            }
        }
    }

    /** Until every host is enrolled and online, then {@link #SETTLE} more; false if that takes too long. */
    private boolean warmUp(String label, Simulation simulation, int hosts, Duration startPeriod)
            throws InterruptedException {
        long deadline = System.nanoTime() + startPeriod.plus(Duration.ofMinutes(4)).toNanos();
        long allOnlineSince = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            Report report = simulation.report();
            progress.printf("  %s %,d hosts warming up: enrolled %,d online %,d, %.0f req/s, errors %d%n", label,
                    hosts, report.enrolled(), report.online(), report.requestsPerSecond(), report.errors());
            if (report.enrolled() == hosts && report.online() == hosts) {
                if (allOnlineSince == 0) {
                    allOnlineSince = System.nanoTime();
                } else if (System.nanoTime() - allOnlineSince >= SETTLE.toNanos()) {
                    return true;
                }
            } else {
                allOnlineSince = 0;
            }
        }
        return false;
    }
}
