package dev.kolide.kit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RunGroupTest {
    private final List<String> interrupted = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    @Test
    void runWithNoActorsReturnsAtOnce() throws Exception {
        new RunGroup().run();
    }

    @Test
    void firstActorToReturnInterruptsEveryActorInTheOrderAdded() throws Exception {
        Blocking a = new Blocking("a");
        Blocking c = new Blocking("c");
        RunGroup group = new RunGroup()
                .add("a", a)
                .add("b", () -> {}, cause -> interrupted.add("b"))
                .add("c", c);

        group.run();

        assertThat(interrupted).containsExactly("a", "b", "c");
        assertThat(a.cause.get())
                .isInstanceOf(CancellationException.class)
                .hasMessage("actor \"b\" returned");
        assertThat(c.cause.get()).isSameAs(a.cause.get());
    }

    @Test
    void runRethrowsTheFirstActorsExceptionNotTheLaterOnes() {
        IllegalStateException boom = new IllegalStateException("boom");
        Blocking a = new Blocking("a") {
            @Override
            public void execute() throws Exception {
                super.execute();
                throw new IllegalStateException("a failed while stopping");
            }
        };
        RunGroup group = new RunGroup()
                .add("a", a)
                .add("b", () -> { throw boom; }, cause -> {});

        assertThatThrownBy(group::run).isSameAs(boom);
        assertThat(a.cause.get()).isSameAs(boom);
    }

    @Test
    void runWaitsForAnActorThatIgnoresItsInterruptForAWhile() throws Exception {
        CountDownLatch interruptSeen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stubbornFinished = new AtomicBoolean();
        RunGroup group = new RunGroup()
                .add("stubborn", () -> {
                    release.await();
                    stubbornFinished.set(true);
                }, cause -> interruptSeen.countDown())
                .add("quick", () -> {}, cause -> {});

        Future<?> run = runner.submit(() -> {
            group.run();
            return null;
        });

        assertThat(interruptSeen.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> run.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        release.countDown();
        run.get(5, TimeUnit.SECONDS);
        assertThat(stubbornFinished).isTrue();
    }

    @Test
    void anInterruptThatThrowsDoesNotKeepTheOthersFromBeingInterrupted() throws Exception {
        Blocking clumsy = new Blocking("clumsy") {
            @Override
            public void interrupt(Throwable cause) {
                super.interrupt(cause);
                throw new IllegalStateException("could not stop cleanly");
            }
        };
        Blocking last = new Blocking("last");
        RunGroup group = new RunGroup()
                .add("clumsy", clumsy)
                .add("quick", () -> {}, cause -> interrupted.add("quick"))
                .add("last", last);

        group.run();

        assertThat(interrupted).containsExactly("clumsy", "quick", "last");
    }

    @Test
    void eachActorRunsOnAThreadNamedAfterIt() throws Exception {
        AtomicReference<String> threadName = new AtomicReference<>();
        new RunGroup()
                .add("http-server", () -> threadName.set(Thread.currentThread().getName()), cause -> {})
                .run();

        assertThat(threadName.get()).isEqualTo("http-server");
    }

    @Test
    void interruptingTheCallerInterruptsTheActorsWaitsForThemAndThrows() throws Exception {
        Blocking a = new Blocking("a");
        AtomicReference<Thread> runnerThread = new AtomicReference<>();
        AtomicBoolean interruptFlagKept = new AtomicBoolean();
        Future<?> run = runner.submit(() -> {
            runnerThread.set(Thread.currentThread());
            try {
                new RunGroup().add("a", a).run();
                return null;
            } finally {
                interruptFlagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        assertThat(a.started.await(5, TimeUnit.SECONDS)).isTrue();

        runnerThread.get().interrupt();

        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(a.cause.get()).isInstanceOf(InterruptedException.class);
        assertThat(a.finished).isTrue();
        assertThat(interruptFlagKept).isTrue();
    }

    @Test
    void aGroupRunsOnceAndTakesNoActorsAfterwards() throws Exception {
        RunGroup group = new RunGroup().add("a", () -> {}, cause -> {});
        group.run();

        assertThatThrownBy(group::run).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> group.add("b", () -> {}, cause -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"b\"");
    }

    @Test
    void actorNamesAreUnique() {
        RunGroup group = new RunGroup().add("a", () -> {}, cause -> {});

        assertThatThrownBy(() -> group.add("a", () -> {}, cause -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a\"");
    }

    /** Runs until interrupted, recording the interrupt's order and cause. */
    private class Blocking implements Actor {
        final String name;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);
        final AtomicReference<Throwable> cause = new AtomicReference<>();
        final AtomicBoolean finished = new AtomicBoolean();

        Blocking(String name) {
            this.name = name;
        }

        @Override
        public void execute() throws Exception {
            started.countDown();
            stop.await();
            finished.set(true);
        }

        @Override
        public void interrupt(Throwable cause) {
            interrupted.add(name);
            this.cause.set(cause);
            stop.countDown();
        }
    }
}
