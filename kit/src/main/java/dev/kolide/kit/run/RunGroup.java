package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of {@link Actor}s together and stops them together, as oklog/run's {@code Group}.
 *
 * <p>{@link #run()} starts every actor on its own thread, named after the actor, and waits until the first
 * one returns. Then it interrupts every actor (the one that returned too) in the order they were added,
 * waits for all of them to return, and rethrows the first one's exception. <b>An actor that returns
 * normally ends the group just as one that fails does</b>: a server that stops, a job that finishes, a
 * signal that arrives. Exceptions of the actors that return after the first are logged and dropped.
 *
 * <p>A main wires a group like this:
 *
 * <pre>{@code
 * RunGroup group = new RunGroup();
 * group.add("signals", SignalActor.onShutdownSignals());
 * // stopQuietly: the program's own, calling server.stop() and logging what it throws
 * group.add("http", () -> { server.start(); server.join(); }, cause -> stopQuietly(server));
 * group.add("cleanup", new PeriodicActor(Duration.ofMinutes(5), store::deleteExpired));
 * try {
 *     group.run();
 * } catch (SignalReceivedException e) {
 *     log.info("stopped: {}", e.getMessage());   // the normal way out
 * }
 * }</pre>
 *
 * <p>A group runs once; add every actor before {@link #run()}.
 */
public final class RunGroup {
    private final Logger log;
    private final List<Member> members = new ArrayList<>();
    private boolean started;

    /** A group that logs to this class's logger. */
    public RunGroup() {
        this(LoggerFactory.getLogger(RunGroup.class));
    }

    public RunGroup(Logger log) {
        this.log = requireNonNull(log, "log is null");
    }

    /**
     * Adds an actor; its thread will carry {@code name}, which must be unique in the group.
     *
     * @throws IllegalStateException if the group has already been run
     */
    public synchronized RunGroup add(String name, Actor actor) {
        requireNonNull(name, "name is null");
        requireNonNull(actor, "actor is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("actor name is blank");
        }
        if (started) {
            throw new IllegalStateException("adding actor \"" + name + "\" to a run group that has already run");
        }
        if (members.stream().anyMatch(member -> member.name().equals(name))) {
            throw new IllegalArgumentException("run group already has an actor named \"" + name + "\"");
        }
        members.add(new Member(name, actor));
        return this;
    }

    /** Adds an actor made of two functions; see {@link Actor#of(Actor.Execute, Consumer)}. */
    public RunGroup add(String name, Actor.Execute execute, Consumer<Throwable> interrupt) {
        return add(name, Actor.of(execute, interrupt));
    }

    /**
     * Runs every actor until the first returns, then interrupts all and waits for all. Returns at once when
     * the group has no actors.
     *
     * <p>If the calling thread is interrupted while waiting, the actors are interrupted with that {@link
     * InterruptedException} and still waited for; then it is thrown and the thread's interrupt flag is set.
     *
     * @throws Exception the exception the first actor to return ended with, unwrapped so that a caller can
     *     catch, say, {@link SignalReceivedException}; an {@link Error} is rethrown as it is
     * @throws IllegalStateException if the group has already been run
     */
    public void run() throws Exception {
        List<Member> actors;
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("a run group runs once; this one has already run");
            }
            started = true;
            actors = List.copyOf(members);
        }
        if (actors.isEmpty()) {
            return;
        }

        BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
        for (Member member : actors) {
            new Thread(() -> ended.add(new Ended(member, execute(member.actor()))), member.name()).start();
        }

        boolean callerInterrupted = false;
        Ended first = null;
        Throwable cause;
        try {
            first = ended.take();
            cause = first.error() != null
                    ? first.error()
                    : new CancellationException("actor \"" + first.member().name() + "\" returned");
            log.info("run group ending: actor \"{}\" {}", first.member().name(),
                    first.error() == null ? "returned" : "failed: " + first.error());
        } catch (InterruptedException e) {
            callerInterrupted = true;
            cause = e;
            log.info("run group ending: the thread running it was interrupted");
        }

        for (Member member : actors) {
            try {
                member.actor().interrupt(cause);
            } catch (RuntimeException | Error e) {
                log.warn("interrupting actor \"{}\" failed; interrupting the others anyway", member.name(), e);
            }
        }

        int stillRunning = first == null ? actors.size() : actors.size() - 1;
        while (stillRunning > 0) {
            try {
                Ended later = ended.take();
                stillRunning--;
                if (later.error() != null) {
                    log.warn("actor \"{}\" failed after the run group began to end", later.member().name(),
                            later.error());
                }
            } catch (InterruptedException e) {
                // Keep waiting: the promise is that no actor is still running when run() returns.
                callerInterrupted = true;
            }
        }

        if (callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        if (first == null) {
            throw (InterruptedException) cause;
        }
        rethrow(first.member(), first.error());
    }

    private static Throwable execute(Actor actor) {
        try {
            actor.execute();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static void rethrow(Member member, Throwable error) throws Exception {
        if (error == null) {
            return;
        }
        if (error instanceof Exception exception) {
            throw exception;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new Exception("actor \"" + member.name() + "\" failed", error);
    }

    private record Member(String name, Actor actor) {}

    /** An actor that returned; {@code error} is null when it returned normally. */
    private record Ended(Member member, Throwable error) {}
}
