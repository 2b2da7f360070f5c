package dev.kolide.kit.run;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * One unit of a {@link RunGroup}: something that runs until it is done or told to stop.
 *
 * <p>{@link #interrupt(Throwable)} is called from another thread, and may be called before {@link #execute()}
 * has started (the group interrupts every actor as soon as one returns, and threads start in no promised
 * order). An actor must therefore remember an early interrupt: {@code execute} called after it should return
 * at once.
 */
public interface Actor {

    /** Blocks until the actor's work is done or it was interrupted; an exception is the actor's failure. */
    void execute() throws Exception;

    /**
     * Makes a running (or yet to run) {@link #execute()} return promptly. Must not block for long: the group
     * interrupts actors one after the other.
     *
     * @param cause why the group is ending: the first actor's exception, a {@link
     *     java.util.concurrent.CancellationException} naming the actor that returned normally, or the
     *     {@link InterruptedException} of the thread that ran the group. Never null.
     */
    void interrupt(Throwable cause);

    /** An actor from two functions, for the usual case of a lambda pair. */
    static Actor of(Execute execute, Consumer<Throwable> interrupt) {
        requireNonNull(execute, "execute is null");
        requireNonNull(interrupt, "interrupt is null");
        return new Actor() {
            @Override
            public void execute() throws Exception {
                execute.execute();
            }

            @Override
            public void interrupt(Throwable cause) {
                interrupt.accept(cause);
            }
        };
    }

    /** The {@link Actor#execute()} half of an actor, as a function. */
    @FunctionalInterface
    interface Execute {
        void execute() throws Exception;
    }
}
