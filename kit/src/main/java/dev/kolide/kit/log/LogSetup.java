package dev.kolide.kit.log;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Configures Logback in code, once, from a program's {@code main}: no logback.xml is read.
 *
 * <pre>{@code
 * LogLevelSwitch levels = LogSetup.configure(withFormat(LogFormat.JSON), withDebug(flags.debug()));
 * DebugSignal.installUsr2(levels);
 * }</pre>
 *
 * <p>SLF4J binds one process-wide {@link LoggerContext}; {@link #configure(LogOption...)} configures that one,
 * which is the single place this package touches global state. {@link #configure(LoggerContext, LogOption...)}
 * takes any context, which is how the tests stay independent.
 */
public final class LogSetup {

    /**
     * Libraries whose DEBUG output drowns a program's own; held at INFO by {@link LogLevelSwitch}. gRPC logs
     * through java.util.logging, so its lines (and these levels) reach Logback only once the program installs the
     * jul-to-slf4j bridge.
     */
    public static final List<String> DEFAULT_QUIET_LOGGERS =
            List.of("org.eclipse.jetty", "io.grpc", "io.netty", "com.zaxxer.hikari");

    private static final String APPENDER_NAME = "kit";

    private LogSetup() {}

    /** The defaults, in one place; options change them before {@link #configure} reads them. */
    public static final class Settings {
        LogFormat format = LogFormat.LOGFMT;
        boolean debug = false;
        OutputStream output = System.err;
        boolean callerData = true;
        List<String> quietLoggers = DEFAULT_QUIET_LOGGERS;

        private Settings() {}
    }

    /** {@link LogFormat#LOGFMT} (the default) for command-line tools, {@link LogFormat#JSON} for servers. */
    public static LogOption withFormat(LogFormat format) {
        requireNonNull(format, "format is null");
        return settings -> settings.format = format;
    }

    /** DEBUG rather than INFO for the program's own loggers; can be changed later through the switch. */
    public static LogOption withDebug(boolean debug) {
        return settings -> settings.debug = debug;
    }

    /**
     * Where lines go; standard error by default. The stream stays the caller's: Logback stopping (a later
     * {@code configure}, JVM shutdown) flushes it but never closes it.
     */
    public static LogOption withOutput(OutputStream output) {
        requireNonNull(output, "output is null");
        return settings -> settings.output = output;
    }

    /**
     * Whether lines carry {@code caller=File.java:42}; on by default, as in kolide/kit. Finding the caller walks
     * the logging thread's stack down to the logging call: a few microseconds per written line whatever the
     * stack depth (see {@link CallerLocator} for the numbers), nothing for lines filtered out by level. A program
     * that writes many thousands of lines a second may turn it off.
     */
    public static LogOption withCallerData(boolean callerData) {
        return settings -> settings.callerData = callerData;
    }

    /** Replaces {@link #DEFAULT_QUIET_LOGGERS}; no names lets every library follow the root level. */
    public static LogOption withQuietLoggers(String... loggerNames) {
        requireNonNull(loggerNames, "loggerNames is null");
        List<String> names = List.of(loggerNames);
        return settings -> settings.quietLoggers = names;
    }

    /**
     * Configures SLF4J's process-wide Logback context; call once from {@code main}. Also routes
     * java.util.logging (gRPC logs there) into SLF4J, so every line has one format and one level switch.
     */
    public static LogLevelSwitch configure(LogOption... options) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("configuring logging: SLF4J is bound to "
                    + factory.getClass().getName() + ", not Logback; check the classpath for other SLF4J providers");
        }
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        // JUL would format every message before asking SLF4J whether the level is on; let Logback's
        // levels propagate to JUL instead.
        if (context.getCopyOfListenerList().stream()
                .noneMatch(l -> l instanceof ch.qos.logback.classic.jul.LevelChangePropagator)) {
            ch.qos.logback.classic.jul.LevelChangePropagator propagator =
                    new ch.qos.logback.classic.jul.LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
        return configure(context, options);
    }

    /**
     * Replaces {@code context}'s configuration (appenders, levels) with one appender writing {@link LogFormat}
     * lines, and returns the switch for its levels.
     */
    public static LogLevelSwitch configure(LoggerContext context, LogOption... options) {
        requireNonNull(context, "context is null");
        requireNonNull(options, "options is null");
        Settings settings = new Settings();
        for (LogOption option : options) {
            requireNonNull(option, "option is null").accept(settings);
        }

        context.reset();
        if (context.getMDCAdapter() == null) {
            // A context made outside SLF4J (tests) reads the same MDC that org.slf4j.MDC writes.
            context.setMDCAdapter(MDC.getMDCAdapter());
        }

        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setEncoder(encoder(context, settings));
        appender.setImmediateFlush(true);
        appender.setOutputStream(new NonClosingOutputStream(settings.output));
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);

        LogLevelSwitch levels = new LogLevelSwitch(context, settings.quietLoggers);
        levels.setDebug(settings.debug);
        return levels;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Settings settings) {
        switch (settings.format) {
            case JSON -> {
                JsonLinesEncoder json = new JsonLinesEncoder();
                json.setContext(context);
                json.setIncludeCallerData(settings.callerData);
                json.start();
                return json;
            }
            case LOGFMT -> {
                LogfmtEncoder logfmt = new LogfmtEncoder();
                logfmt.setContext(context);
                logfmt.setIncludeCallerData(settings.callerData);
                logfmt.start();
                return logfmt;
            }
            default -> throw new IllegalArgumentException("unknown log format " + settings.format);
        }
    }

    /** Keeps Logback from closing a stream it does not own (standard error, above all). */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
