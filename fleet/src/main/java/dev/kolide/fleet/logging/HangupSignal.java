package dev.kolide.fleet.logging;

/**
 * Where SIGHUP comes from: the JVM ({@link PosixHangupSignal}) in fleet, a test's own hand in tests. kit's
 * {@code SignalSource} knows only INT and TERM, which end a program; HUP asks it to reopen its log files.
 */
public interface HangupSignal {

    /**
     * Runs {@code action} on each SIGHUP until the subscription is closed, on a thread of the signal source's
     * choosing. While subscribed, SIGHUP no longer does what it did before (for the JVM: shut down).
     *
     * @throws IllegalStateException if SIGHUP cannot be listened for
     */
    Subscription subscribe(Runnable action);

    /** Stops listening and gives SIGHUP back to whoever had it. Closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
