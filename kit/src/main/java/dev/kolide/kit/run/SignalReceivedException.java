package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

/** How a {@link SignalActor} ends its group: the process was asked to stop by a signal. */
public final class SignalReceivedException extends Exception {
    private final PosixSignal signal;

    public SignalReceivedException(PosixSignal signal) {
        super("received " + requireNonNull(signal, "signal is null").signalName());
        this.signal = signal;
    }

    public PosixSignal signal() {
        return signal;
    }
}
