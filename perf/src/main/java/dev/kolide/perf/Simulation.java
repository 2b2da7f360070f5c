package dev.kolide.perf;

import dev.kolide.perf.host.HostIdentity;
import dev.kolide.perf.host.HostRuntime;
import dev.kolide.perf.host.HostTemplates;
import dev.kolide.perf.host.HostTimings;
import dev.kolide.perf.host.NodeKeyStore;
import dev.kolide.perf.host.SimulatedHost;
import dev.kolide.perf.stats.HostCounts;
import dev.kolide.perf.stats.Report;
import dev.kolide.perf.stats.SimulationStats;
import dev.kolide.perf.transport.AgentTransport;
import dev.kolide.perf.transport.RequestGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One load test: {@code hosts} simulated hosts started evenly over the start period, all driven by a small
 * scheduler pool and one transport, reported every report interval and once at the end. Closing it closes the
 * transport.
 */
public final class Simulation implements AutoCloseable {
    private static final long STOP_GRACE_MILLIS = 5_000;

    private final SimulationSettings settings;
    private final AgentTransport transport;
    private final NodeKeyStore keys;
    private final SimulationStats stats = new SimulationStats();
    private final RequestGate gate;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<SimulatedHost> hosts;
    private volatile long started = System.nanoTime();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public Simulation(SimulationSettings settings, AgentTransport transport, HostTemplates templates,
            NodeKeyStore keys) {
        this.settings = settings;
        this.transport = transport;
        this.keys = keys;
        this.gate = new RequestGate(settings.maxInFlight(), stats);
        this.scheduler = new ScheduledThreadPoolExecutor(settings.schedulerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "perf-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        HostTimings timings = new HostTimings(settings.distributedInterval(), settings.configInterval(),
                settings.loggerInterval(), settings.resultLogsPerInterval(), settings.maxBufferedLogs(),
                SimulationSettings.MAX_LOG_LINES_PER_REQUEST);
        HostRuntime runtime = new HostRuntime(transport, gate, scheduler, templates, keys, timings,
                new AtomicInteger());
        this.hosts = new ArrayList<>(settings.hosts());
        for (int i = 0; i < settings.hosts(); i++) {
            hosts.add(new SimulatedHost(HostIdentity.of(settings.hostPrefix(), i), runtime));
        }
    }

    /**
     * Runs for the settings' duration, handing each interval report to {@code reports}, and returns the final
     * report (also handed to {@code reports}). Node keys are saved at every report and at the end.
     */
    public Report run(Consumer<Report> reports) throws InterruptedException {
        started = System.nanoTime();
        long startNanos = settings.startPeriod().toNanos();
        for (int i = 0; i < hosts.size(); i++) {
            SimulatedHost host = hosts.get(i);
            long delay = hosts.size() == 1 ? 0 : startNanos / hosts.size() * i;
            scheduler.schedule(host::start, delay, TimeUnit.NANOSECONDS);
        }
        long end = started + settings.duration().toNanos();
        long nextReport = started + settings.reportInterval().toNanos();
        while (true) {
            long now = System.nanoTime();
            // a report due at the very end is still made, so the last window is not lost in the final report
            if (now >= nextReport && nextReport <= end) {
                reports.accept(stats.intervalReport(seconds(now - started), counts(now)));
                keys.save();
                nextReport += settings.reportInterval().toNanos();
                continue;
            }
            if (now >= end) {
                break;
            }
            if (stopRequested.await(Math.min(end, nextReport) - now, TimeUnit.NANOSECONDS)) {
                end = System.nanoTime();
                break;
            }
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        gate.awaitIdle(STOP_GRACE_MILLIS);
        long stopped = System.nanoTime();
        Report last = stats.finalReport(seconds(Math.min(stopped, end) - started), counts(stopped));
        keys.save();
        reports.accept(last);
        return last;
    }

    /**
     * {@link #run} on a thread of its own, without interval reports, for a driver that measures with
     * {@link #report()} meanwhile; {@link #stop()} ends it, and the future then completes with the final report.
     */
    public CompletableFuture<Report> runInBackground() {
        CompletableFuture<Report> finished = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                finished.complete(run(report -> { }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                finished.completeExceptionally(e);
            }
        }, "simulation");
        runner.setDaemon(true);
        runner.start();
        return finished;
    }

    /** Ends {@link #run} early, as if its duration were up: it makes its final report and returns. */
    public void stop() {
        stopRequested.countDown();
    }

    /**
     * A report of the window since the previous one (or the start), made now: a driver measuring a steady state
     * calls it at the window's start and end. With a report interval as long as the run, nothing else makes
     * interval reports.
     */
    public Report report() {
        long now = System.nanoTime();
        return stats.intervalReport(seconds(now - started), counts(now));
    }

    /** Hosts now; online = a distributed read succeeded within two distributed intervals. */
    HostCounts counts(long nowNanos) {
        Duration window = settings.distributedInterval().multipliedBy(2);
        int enrolled = 0;
        int online = 0;
        for (SimulatedHost host : hosts) {
            enrolled += host.enrolled() ? 1 : 0;
            online += host.online(nowNanos, window) ? 1 : 0;
        }
        return new HostCounts(hosts.size(), enrolled, online, gate.inFlight());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        transport.close();
    }
}
