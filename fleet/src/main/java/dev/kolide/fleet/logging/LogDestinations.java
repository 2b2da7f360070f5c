package dev.kolide.fleet.logging;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.LogPlugin;
import dev.kolide.fleet.config.OsqueryConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two destinations a fleet server writes osquery logs to: one for status logs, one for result logs (the
 * same object when both name the same file or both go to standard output, so that one lock orders them).
 */
public record LogDestinations(LogDestination status, LogDestination result) implements AutoCloseable {
    public LogDestinations {
        requireNonNull(status, "status is null");
        requireNonNull(result, "result is null");
    }

    /**
     * Opens what {@code config} names.
     *
     * @param stdout for the stdout plugin; fleet passes {@code System.out}
     * @param clock names and ages rotated files
     * @throws LogDestinationException naming the file that cannot be opened
     */
    public static LogDestinations open(OsqueryConfig config, PrintStream stdout, Clock clock) {
        requireNonNull(config, "config is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(clock, "clock is null");
        LogDestination status = open(config.statusLogPlugin(), config.statusLogFile(), config, stdout, clock);
        LogDestination result;
        if (config.resultLogPlugin() == config.statusLogPlugin()
                && (config.resultLogPlugin() == LogPlugin.STDOUT
                        || samePath(config.resultLogFile(), config.statusLogFile()))) {
            result = status;
        } else {
            try {
                result = open(config.resultLogPlugin(), config.resultLogFile(), config, stdout, clock);
            } catch (RuntimeException e) {
                status.close();
                throw e;
            }
        }
        return new LogDestinations(status, result);
    }

    private static LogDestination open(LogPlugin plugin, Path file, OsqueryConfig config, PrintStream stdout,
            Clock clock) {
        return switch (plugin) {
            case STDOUT -> new StdoutLogDestination(stdout);
            case FILESYSTEM -> config.enableLogRotation()
                    ? FilesystemLogDestination.open(file, LogRotation.KOLIDE, clock)
                    : FilesystemLogDestination.open(file);
        };
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Reopens both destinations; a failure is logged, not thrown, since this runs on a signal. Writes to a
     * destination that could not be reopened keep trying to open it, and fail until they can.
     */
    public void reopen() {
        Logger log = LoggerFactory.getLogger(LogDestinations.class);
        for (LogDestination destination : distinct()) {
            try {
                destination.reopen();
            } catch (RuntimeException e) {
                log.atError().addKeyValue("err", e.getMessage()).log("reopening an osquery log destination failed");
            }
        }
    }

    /** Reopens both destinations on every SIGHUP, as Kolide Fleet did, until the subscription is closed. */
    public HangupSignal.Subscription reopenOnHangup(HangupSignal hangup) {
        requireNonNull(hangup, "hangup is null");
        return hangup.subscribe(this::reopen);
    }

    public void flush() {
        for (LogDestination destination : distinct()) {
            destination.flush();
        }
    }

    @Override
    public void close() {
        for (LogDestination destination : distinct()) {
            destination.close();
        }
    }

    private List<LogDestination> distinct() {
        return status == result ? List.of(status) : List.of(status, result);
    }
}
