package dev.kolide.kit.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of named checks run together, as kolide/kit's {@code CheckHealth}: each check's failure is its own,
 * and one that throws counts as failed with its exception's message.
 *
 * <p>Checks run at the same time, each on its own daemon thread, and {@link #run()} waits for them until
 * one shared deadline ({@link Builder#timeout(Duration)} after it began); a check still running then is
 * reported as failed. A hung check keeps its thread, but never more than one: while a run of a check is
 * still going, later calls wait for that run instead of starting another, so a load balancer polling a
 * hung dependency does not pile up threads.
 *
 * <p>In a main: {@code HealthChecks.builder().add("mysql", db::ping).add("redis", redis::ping)
 * .timeout(Duration.ofSeconds(2)).build()}, handed to a {@link HealthHandler}.
 */
public final class HealthChecks {
    /** Arbitrary; set what the callers of the health endpoint wait for. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<Check> checks;
    private final Duration timeout;
    private final Logger log;

    private HealthChecks(List<Check> checks, Duration timeout, Logger log) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.log = log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check (or joins its run in progress) and reports on all of them. */
    public HealthReport run() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> runs = new ArrayList<>(checks.size());
        for (Check check : checks) {
            runs.add(check.start());
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            results.add(await(checks.get(i).name, runs.get(i), deadline));
        }
        return HealthReport.of(results);
    }

    private CheckResult await(String name, CompletableFuture<Void> run, long deadline) {
        try {
            run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return CheckResult.passed(name);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            // A dependency that is down fails every probe: one line each, the stack trace only on demand.
            log.warn("health check \"{}\" failed: {}", name, message(failure));
            log.debug("health check \"{}\" failed", name, failure);
            return CheckResult.failed(name, message(failure));
        } catch (TimeoutException e) {
            log.warn("health check \"{}\" did not finish within {} ms", name, timeout.toMillis());
            return CheckResult.failed(name, "did not finish within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(name, "interrupted while waiting for the check");
        }
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }

    /** A check and its run in progress, if any. */
    private static final class Check {
        private final String name;
        private final HealthChecker checker;
        private CompletableFuture<Void> running;

        Check(String name, HealthChecker checker) {
            this.name = name;
            this.checker = checker;
        }

        synchronized CompletableFuture<Void> start() {
            if (running == null || running.isDone()) {
                CompletableFuture<Void> run = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        checker.check();
                        run.complete(null);
                    } catch (Throwable e) {
                        run.completeExceptionally(e);
                    }
                }, "health-check-" + name);
                // A hung check must not keep the program from exiting.
                thread.setDaemon(true);
                thread.start();
                running = run;
            }
            return running;
        }
    }

    public static final class Builder {
        private final Map<String, HealthChecker> checkers = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Logger log;

        private Builder() {}

        /** Adds a check; names are unique, and the report lists checks in the order they were added. */
        public Builder add(String name, HealthChecker checker) {
            requireNonNull(name, "name is null");
            requireNonNull(checker, "checker is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("health check name is blank");
            }
            if (checkers.putIfAbsent(name, checker) != null) {
                throw new IllegalArgumentException("there is already a health check named \"" + name + "\"");
            }
            return this;
        }

        /** How long {@link HealthChecks#run()} waits for the checks, all together; {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            requireNonNull(timeout, "timeout is null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Where failed checks are logged (stack traces at debug); by default this class's logger. */
        public Builder log(Logger log) {
            this.log = requireNonNull(log, "log is null");
            return this;
        }

        public HealthChecks build() {
            List<Check> checks = new ArrayList<>();
            checkers.forEach((name, checker) -> checks.add(new Check(name, checker)));
            return new HealthChecks(checks, timeout, log != null ? log : LoggerFactory.getLogger(HealthChecks.class));
        }
    }
}
