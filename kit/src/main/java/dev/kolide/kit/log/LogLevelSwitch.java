package dev.kolide.kit.log;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;

/**
 * Switches debug logging on and off while the program runs (from a signal, an admin endpoint, a flag reload).
 *
 * <p>Debug sets the root logger to DEBUG, otherwise INFO. The quiet loggers (noisy libraries such as Jetty) are
 * held at INFO either way, so turning debug on shows the program's own detail rather than every socket read.
 * The root logger's level is the only state, so the switch and anything else that sets levels agree.
 */
public final class LogLevelSwitch {

    private final LoggerContext context;
    private final List<String> quietLoggers;

    public LogLevelSwitch(LoggerContext context, List<String> quietLoggers) {
        this.context = requireNonNull(context, "context is null");
        this.quietLoggers = List.copyOf(requireNonNull(quietLoggers, "quietLoggers is null"));
    }

    public synchronized void setDebug(boolean debug) {
        root().setLevel(debug ? Level.DEBUG : Level.INFO);
        for (String name : quietLoggers) {
            context.getLogger(name).setLevel(Level.INFO);
        }
    }

    /** Flips debug and returns the new state. */
    public synchronized boolean toggleDebug() {
        boolean debug = !isDebug();
        setDebug(debug);
        return debug;
    }

    /** Whether the root logger lets DEBUG (or TRACE, if set elsewhere) through. */
    public synchronized boolean isDebug() {
        return !root().getLevel().isGreaterOrEqual(Level.INFO);
    }

    /** Loggers (and their children) kept at INFO even in debug mode. */
    public List<String> quietLoggers() {
        return quietLoggers;
    }

    private Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
