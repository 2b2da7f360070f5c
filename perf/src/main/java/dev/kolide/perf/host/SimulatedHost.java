package dev.kolide.perf.host;

import dev.kolide.perf.stats.Endpoint;
import dev.kolide.perf.transport.LogType;
import dev.kolide.perf.transport.QueryWatch;
import dev.kolide.perf.transport.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated osquery host, as a few timers on the shared scheduler (no thread of its own): it enrolls (or reuses
 * its stored node key), fetches its config, then every distributed interval reads its queries and answers them at
 * once, every config interval refetches the config, and every logger interval sends its buffered logs (at most
 * 1024 lines per request; kept while fleet refuses them). node_invalid makes it enroll again. Each activity runs one
 * request at a time: a tick that finds the previous request still out is skipped, as osquery would. When the
 * transport watches for pushed live queries (a launcher's {@code WatchQueries}), the host keeps that stream open and
 * answers what it pushes at once.
 */
public final class SimulatedHost {
    private static final Duration MAX_ENROLL_BACKOFF = Duration.ofMinutes(1);
    private static final int STATUS_LOG_EVERY_TICKS = 6;
    private static final Duration MAX_WATCH_BACKOFF = Duration.ofSeconds(30);

    private final HostIdentity identity;
    private final HostRuntime runtime;
    private final AtomicBoolean enrolling = new AtomicBoolean();
    private final AtomicBoolean accepted = new AtomicBoolean();
    private final AtomicBoolean loopsStarted = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean configuring = new AtomicBoolean();
    private final AtomicBoolean logging = new AtomicBoolean();
    private final AtomicInteger pendingResults = new AtomicInteger();
    private final AtomicInteger pendingStatus = new AtomicInteger();
    private final AtomicInteger logCounter = new AtomicInteger();
    private volatile String nodeKey;
    private volatile long lastReadNanos;
    private volatile int enrollFailures;
    private volatile int watchFailures;
    private volatile QueryWatch watch;
    private int loggerTicks;

    public SimulatedHost(HostIdentity identity, HostRuntime runtime) {
        this.identity = identity;
        this.runtime = runtime;
    }

    public HostIdentity identity() {
        return identity;
    }

    /** Begins: with a stored node key straight to the config and the loops, else by enrolling. */
    public void start() {
        nodeKey = runtime.keys().get(identity.hostIdentifier()).orElse(null);
        if (nodeKey == null) {
            enroll();
        } else {
            startLoops();
        }
    }

    /** Whether fleet accepted this host's current node key. */
    public boolean enrolled() {
        return accepted.get();
    }

    /** Whether the last successful distributed read was at most {@code window} before {@code nowNanos}. */
    public boolean online(long nowNanos, Duration window) {
        long last = lastReadNanos;
        return last != 0 && nowNanos - last <= window.toNanos();
    }

    private void enroll() {
        if (!enrolling.compareAndSet(false, true)) {
            return;
        }
        runtime.gate().send(Endpoint.ENROLL, () -> runtime.transport().enroll(identity,
                runtime.templates().enrollDetails(identity))).whenComplete((reply, error) -> {
                    if (error == null && !reply.nodeInvalid() && !reply.nodeKey().isEmpty()) {
                        nodeKey = reply.nodeKey();
                        runtime.keys().put(identity.hostIdentifier(), reply.nodeKey());
                        markAccepted();
                        enrollFailures = 0;
                        enrolling.set(false);
                        runtime.later(this::startLoops, Duration.ZERO);
                    } else {
                        enrolling.set(false);
                        runtime.later(this::enroll, enrollBackoff(++enrollFailures));
                    }
                });
    }

    /** 1 s, 2 s, 4 s ... up to a minute, with jitter so that hosts refused together do not retry together. */
    private static Duration enrollBackoff(int failures) {
        long seconds = Math.min(MAX_ENROLL_BACKOFF.toSeconds(), 1L << Math.min(failures - 1, 10));
        return Duration.ofMillis(seconds * 500 + ThreadLocalRandom.current().nextLong(seconds * 500 + 1));
    }

    private void startLoops() {
        if (nodeKey == null) {
            enroll();
            return;
        }
        if (!loopsStarted.compareAndSet(false, true)) {
            // enrolled again: the loops read the new key, the push stream must be opened with it
            watchQueries();
            return;
        }
        HostTimings timings = runtime.timings();
        fetchConfig();
        // Random phases spread the hosts' requests over each interval instead of lining them up.
        runtime.every(this::readQueries, randomPhase(timings.distributedInterval()), timings.distributedInterval());
        runtime.every(this::fetchConfig, timings.configInterval(), timings.configInterval());
        runtime.every(this::sendLogs, randomPhase(timings.loggerInterval()), timings.loggerInterval());
        watchQueries();
    }

    /** Opens the push stream (when the transport has one) for the current key; reopened when it ends. */
    private void watchQueries() {
        String key = nodeKey;
        if (key == null) {
            return;
        }
        watch = runtime.transport().watchQueries(key, new QueryWatch.Listener() {
            @Override
            public void onQueries(Map<String, String> queries) {
                watchFailures = 0;
                runtime.later(() -> writePushed(key, queries), Duration.ZERO);
            }

            @Override
            public void onNodeInvalid() {
                nodeInvalid(key);
            }

            @Override
            public void onEnd(boolean unsupported) {
                if (!unsupported && key.equals(nodeKey)) {
                    // 1 s, 2 s ... 30 s: a server restart is not met by every host at once
                    long seconds = Math.min(MAX_WATCH_BACKOFF.toSeconds(), 1L << Math.min(watchFailures++, 5));
                    runtime.later(SimulatedHost.this::watchQueries, Duration.ofMillis(seconds * 1000
                            + ThreadLocalRandom.current().nextLong(500)));
                }
            }
        });
    }

    /** Answers pushed queries at once, beside (not instead of) a distributed read's answers. */
    private void writePushed(String key, Map<String, String> queries) {
        Map<String, QueryAnswer> answers = answers(queries);
        runtime.gate().send(Endpoint.DISTRIBUTED_WRITE, () -> runtime.transport().writeResults(key, answers))
                .whenComplete((reply, error) -> handleAck(key, reply, error));
    }

    private Map<String, QueryAnswer> answers(Map<String, String> queries) {
        Map<String, QueryAnswer> answers = new LinkedHashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        queries.forEach((name, sql) -> answers.put(name, runtime.templates().answer(identity, name, sql, random)));
        return answers;
    }

    private static Duration randomPhase(Duration interval) {
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toNanos())));
    }

    private void fetchConfig() {
        String key = nodeKey;
        if (key == null || !configuring.compareAndSet(false, true)) {
            return;
        }
        runtime.gate().send(Endpoint.CONFIG, () -> runtime.transport().config(key))
                .whenComplete((reply, error) -> {
                    configuring.set(false);
                    handleAck(key, reply, error);
                });
    }

    private void readQueries() {
        String key = nodeKey;
        if (key == null || !reading.compareAndSet(false, true)) {
            return;
        }
        runtime.gate().send(Endpoint.DISTRIBUTED_READ, () -> runtime.transport().readQueries(key))
                .whenComplete((reply, error) -> {
                    if (error != null || reply.nodeInvalid()) {
                        reading.set(false);
                        handleAck(key, reply == null ? null : new Replies.Ack(true), error);
                        return;
                    }
                    markAccepted();
                    lastReadNanos = System.nanoTime();
                    if (reply.queries().isEmpty()) {
                        reading.set(false);
                        return;
                    }
                    // Answered at once (live queries included); handed to the scheduler, which may wait for a permit.
                    if (runtime.later(() -> writeResults(key, reply.queries()), Duration.ZERO) == null) {
                        reading.set(false);
                    }
                });
    }

    private void writeResults(String key, Map<String, String> queries) {
        Map<String, QueryAnswer> answers = answers(queries);
        runtime.gate().send(Endpoint.DISTRIBUTED_WRITE, () -> runtime.transport().writeResults(key, answers))
                .whenComplete((reply, error) -> {
                    reading.set(false);
                    handleAck(key, reply, error);
                });
    }

    private void sendLogs() {
        HostTimings timings = runtime.timings();
        buffer(pendingResults, timings.resultLogsPerInterval());
        if (loggerTicks++ % STATUS_LOG_EVERY_TICKS == 0) {
            buffer(pendingStatus, 1);
        }
        String key = nodeKey;
        if (key == null || !logging.compareAndSet(false, true)) {
            return;
        }
        sendLogBatch(key, LogType.RESULT);
    }

    private void buffer(AtomicInteger pending, int lines) {
        int max = runtime.timings().maxBufferedLogs();
        pending.updateAndGet(n -> Math.min(max, n + lines));
    }

    /** Sends one batch of {@code type}, then (on the scheduler) the status batch, then frees the logger. */
    private void sendLogBatch(String key, LogType type) {
        AtomicInteger pending = type == LogType.RESULT ? pendingResults : pendingStatus;
        int count = Math.min(pending.get(), runtime.timings().maxLinesPerRequest());
        if (count == 0) {
            nextLogBatch(key, type);
            return;
        }
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int counter = logCounter.getAndIncrement();
            lines.add(type == LogType.RESULT ? runtime.templates().resultLog(identity, counter)
                    : runtime.templates().statusLog(identity, counter));
        }
        runtime.gate().send(Endpoint.LOG, () -> runtime.transport().publishLogs(key, type, lines))
                .whenComplete((reply, error) -> {
                    boolean sent = error == null && !reply.nodeInvalid();
                    if (sent) {
                        pending.updateAndGet(n -> Math.max(0, n - count));
                        if (runtime.later(() -> nextLogBatch(key, type), Duration.ZERO) == null) {
                            logging.set(false);
                        }
                    } else {
                        // kept for the next interval, as osquery keeps unsent logs
                        logging.set(false);
                    }
                    handleAck(key, reply, error);
                });
    }

    private void nextLogBatch(String key, LogType sent) {
        if (sent == LogType.RESULT) {
            sendLogBatch(key, LogType.STATUS);
        } else {
            logging.set(false);
        }
    }

    /** After any call: an accepted key counts the host as enrolled, node_invalid sends it to enroll again. */
    private void handleAck(String key, Replies.Ack reply, Throwable error) {
        if (error != null) {
            return;
        }
        if (reply.nodeInvalid()) {
            nodeInvalid(key);
        } else {
            markAccepted();
        }
    }

    private void nodeInvalid(String key) {
        synchronized (this) {
            if (!key.equals(nodeKey)) {
                return;
            }
            nodeKey = null;
        }
        QueryWatch open = watch;
        if (open != null) {
            open.cancel();
        }
        if (accepted.compareAndSet(true, false)) {
            runtime.enrolled().decrementAndGet();
        }
        runtime.later(this::enroll, Duration.ZERO);
    }

    private void markAccepted() {
        if (accepted.compareAndSet(false, true)) {
            runtime.enrolled().incrementAndGet();
        }
    }
}
