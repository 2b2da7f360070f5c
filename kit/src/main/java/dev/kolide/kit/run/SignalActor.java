package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Ends its group when one of the given signals arrives, by failing with a {@link SignalReceivedException}
 * that names the signal; when interrupted it returns normally. Like oklog/run's {@code SignalHandler}.
 *
 * <p>The signals are listened for only while {@link #execute()} runs: a signal before that, or a second one
 * while the group is stopping, does what it did before (for the JVM: run the shutdown hooks and exit), which
 * gives a user who presses Ctrl-C twice a hard stop. One actor serves one group run.
 */
public final class SignalActor implements Actor {
    private final SignalSource source;
    private final Set<PosixSignal> signals;
    /** Completed with the signal received, or with null when interrupted; the first to come wins. */
    private final CompletableFuture<PosixSignal> outcome = new CompletableFuture<>();

    public SignalActor(SignalSource source, Set<PosixSignal> signals) {
        this.source = requireNonNull(source, "source is null");
        requireNonNull(signals, "signals is null");
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("a signal actor needs at least one signal");
        }
        this.signals = Set.copyOf(signals);
    }

    /** SIGINT and SIGTERM from the JVM: what a program's main wants. */
    public static SignalActor onShutdownSignals() {
        return new SignalActor(new PosixSignalSource(), EnumSet.of(PosixSignal.INT, PosixSignal.TERM));
    }

    @Override
    public void execute() throws SignalReceivedException {
        SignalSource.Subscription subscription = source.subscribe(signals, outcome::complete);
        PosixSignal received;
        try {
            received = outcome.join();
        } finally {
            subscription.close();
        }
        if (received != null) {
            throw new SignalReceivedException(received);
        }
    }

    @Override
    public void interrupt(Throwable cause) {
        outcome.complete(null);
    }
}
