package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The JVM's signals, through {@code sun.misc.Signal} (module {@code jdk.unsupported}, there since Java 9 for
 * exactly this use). POSIX only: on Windows the JVM maps just a few console events onto INT and TERM.
 */
public final class PosixSignalSource implements SignalSource {

    @Override
    public Subscription subscribe(Set<PosixSignal> signals, Consumer<PosixSignal> listener) {
        requireNonNull(signals, "signals is null");
        requireNonNull(listener, "listener is null");
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (PosixSignal posixSignal : signals) {
            Signal signal = new Signal(posixSignal.name());
            try {
                previous.put(signal, Signal.handle(signal, received -> listener.accept(posixSignal)));
            } catch (IllegalArgumentException e) {
                restore(previous);
                throw new IllegalStateException("installing a handler for " + posixSignal.signalName(), e);
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                restore(previous);
            }
        };
    }

    private static void restore(Map<Signal, SignalHandler> previous) {
        previous.forEach(Signal::handle);
    }
}
