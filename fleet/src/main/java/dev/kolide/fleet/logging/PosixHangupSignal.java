package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP from the JVM, through {@code sun.misc.Signal} (module jdk.unsupported), as kit's {@code PosixSignalSource}
 * does for INT and TERM. POSIX only; a JVM started with {@code -Xrs} does not let it be caught.
 */
public final class PosixHangupSignal implements HangupSignal {
    private static final String HUP = "HUP";

    @Override
    public Subscription subscribe(Runnable action) {
        requireNonNull(action, "action is null");
        Signal hup = new Signal(HUP);
        SignalHandler previous;
        try {
            previous = Signal.handle(hup, received -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new IllegalStateException("installing a handler for SIGHUP", e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                Signal.handle(hup, previous);
            }
        };
    }
}
