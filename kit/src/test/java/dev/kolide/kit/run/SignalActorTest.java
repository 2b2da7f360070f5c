package dev.kolide.kit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SignalActorTest {
    private final FakeSignals signals = new FakeSignals();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void aSignalEndsTheGroupAndNamesTheSignal() throws Exception {
        AtomicReference<Throwable> serverCause = new AtomicReference<>();
        CountDownLatch serverStop = new CountDownLatch(1);
        RunGroup group = new RunGroup()
                .add("signals", new SignalActor(signals, EnumSet.of(PosixSignal.INT, PosixSignal.TERM)))
                .add("server", serverStop::await, cause -> {
                    serverCause.set(cause);
                    serverStop.countDown();
                });
        Future<?> run = runner.submit(() -> {
            group.run();
            return null;
        });
        assertThat(signals.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(signals.subscribedTo.get()).containsExactlyInAnyOrder(PosixSignal.INT, PosixSignal.TERM);

        signals.raise(PosixSignal.TERM);

        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SignalReceivedException.class)
                .hasMessage("received SIGTERM")
                .satisfies(e -> assertThat(((SignalReceivedException) e).signal()).isEqualTo(PosixSignal.TERM));
        assertThat(serverCause.get()).isInstanceOf(SignalReceivedException.class);
        assertThat(signals.closed).as("signal handlers given back").isTrue();
    }

    @Test
    void anInterruptedSignalActorReturnsNormallyAndGivesTheSignalsBack() throws Exception {
        SignalActor actor = new SignalActor(signals, Set.of(PosixSignal.INT));

        actor.interrupt(new IllegalStateException("another actor ended"));
        actor.execute();

        assertThat(signals.closed).isTrue();
    }

    @Test
    void aSignalActorNeedsASignal() {
        assertThatThrownBy(() -> new SignalActor(signals, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** A signal source a test raises signals on by hand. */
    private static final class FakeSignals implements SignalSource {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final AtomicReference<Set<PosixSignal>> subscribedTo = new AtomicReference<>();
        final AtomicReference<Consumer<PosixSignal>> listener = new AtomicReference<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public Subscription subscribe(Set<PosixSignal> signals, Consumer<PosixSignal> listener) {
            this.subscribedTo.set(signals);
            this.listener.set(listener);
            subscribed.countDown();
            return () -> closed.set(true);
        }

        void raise(PosixSignal signal) {
            listener.get().accept(signal);
        }
    }
}
