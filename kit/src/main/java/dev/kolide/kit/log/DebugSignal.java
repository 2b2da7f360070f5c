package dev.kolide.kit.log;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Toggles debug logging on a POSIX signal, as kolide/kit's programs do on SIGUSR2:
 * {@code kill -USR2 <pid>} turns debug on, again turns it off.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only way to catch a signal. Where it
 * cannot work (Windows has no USR2; a JVM run with -Xrs or one that reserves the signal; a jlinked runtime
 * without jdk.unsupported) {@link #install} returns empty and the program runs on without the toggle.
 */
public final class DebugSignal implements AutoCloseable {

    static final String USR2 = "USR2";

    private final Signal signal;
    private final SignalHandler previous;

    private DebugSignal(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Installs the SIGUSR2 toggle; empty (and a warning logged) where the platform offers no SIGUSR2. */
    public static Optional<DebugSignal> installUsr2(LogLevelSwitch levels) {
        return install(levels, USR2, LoggerFactory.getLogger(DebugSignal.class));
    }

    /** Installs the toggle for {@code signalName} (as in {@code kill -NAME}, without "SIG"). */
    static Optional<DebugSignal> install(LogLevelSwitch levels, String signalName, Logger log) {
        requireNonNull(levels, "levels is null");
        requireNonNull(signalName, "signalName is null");
        requireNonNull(log, "log is null");
        try {
            Signal signal = new Signal(signalName);
            SignalHandler previous = Signal.handle(signal, received -> {
                boolean debug = levels.toggleDebug();
                // INFO, so the line shows whichever way the switch went.
                log.atInfo().addKeyValue("debug", debug).addKeyValue("signal", "SIG" + signalName)
                        .log("debug logging toggled");
            });
            return Optional.of(new DebugSignal(signal, previous));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // "Unknown signal" (Windows) or "already used by VM or OS"; LinkageError: no jdk.unsupported.
            log.atWarn().addKeyValue("signal", "SIG" + signalName).addKeyValue("reason", String.valueOf(e))
                    .log("debug toggle by signal unavailable");
            return Optional.empty();
        }
    }

    /** Puts back the handler that was there before. */
    @Override
    public void close() {
        Signal.handle(signal, previous);
    }
}
