package dev.kolide.kit.run;

/** The POSIX signals a {@link SignalActor} can wait for. */
public enum PosixSignal {
    INT,
    TERM;

    /** The usual spelling, as in {@code SIGTERM}. */
    public String signalName() {
        return "SIG" + name();
    }
}
