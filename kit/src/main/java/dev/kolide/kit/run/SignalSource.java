package dev.kolide.kit.run;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Where signals come from: the JVM ({@link PosixSignalSource}) in a program, a test's own hand in tests, so
 * that a test can "send" SIGTERM without signalling the JVM running it.
 */
public interface SignalSource {

    /**
     * Calls {@code listener} with each of {@code signals} that arrives until the subscription is closed.
     * While subscribed, those signals no longer do what they did before (for the JVM: stop the process).
     *
     * @throws IllegalStateException if a signal cannot be listened for (the JVM reserves it, say)
     */
    Subscription subscribe(Set<PosixSignal> signals, Consumer<PosixSignal> listener);

    /** Stops listening and gives the signals back to whoever had them before. Closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
