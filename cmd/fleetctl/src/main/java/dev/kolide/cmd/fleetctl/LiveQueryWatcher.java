package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kolide.fleet.client.LiveQueryEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows a live query's events: each result as a JSON line on {@code out}, progress (responded / online) on
 * {@code err}; stops when all online targets answered (with {@code exitWhenDone}), at the timeout, on the
 * server's error, or when the socket closes.
 */
final class LiveQueryWatcher {
    /** Where events come from: the results socket, or a test's list. */
    interface Events {
        Optional<LiveQueryEvent> next(Duration wait) throws InterruptedException;
    }

    /** How the watch ended. */
    enum Outcome { ALL_RESPONDED, TIMED_OUT, CLOSED }

    private static final Duration POLL = Duration.ofMillis(500);

    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final ObjectMapper json;
    private final boolean quiet;
    private final boolean exitWhenDone;
    private int responded;
    private int online = -1;
    private int targeted;
    private String lastProgress = "";

    LiveQueryWatcher(PrintWriter out, PrintWriter err, Clock clock, ObjectMapper json, boolean quiet,
            boolean exitWhenDone) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
        this.quiet = quiet;
        this.exitWhenDone = exitWhenDone;
    }

    /** Watches until an end; {@code timeout} zero or negative means no timeout. */
    Outcome watch(Events events, Duration timeout) throws InterruptedException {
        Instant deadline = timeout.isZero() || timeout.isNegative() ? null : clock.instant().plus(timeout);
        while (true) {
            Duration wait = POLL;
            if (deadline != null) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    progress("timed out after " + timeout.toSeconds() + "s: ");
                    return Outcome.TIMED_OUT;
                }
                wait = left.compareTo(POLL) < 0 ? left : POLL;
            }
            Optional<LiveQueryEvent> next = events.next(wait);
            if (next.isEmpty()) {
                continue;
            }
            LiveQueryEvent event = next.get();
            if (event instanceof LiveQueryEvent.Result result) {
                responded++;
                print(result);
            } else if (event instanceof LiveQueryEvent.Totals totals) {
                online = totals.online();
                targeted = totals.count();
            } else if (event instanceof LiveQueryEvent.Status status) {
                online = status.expectedResults();
            } else if (event instanceof LiveQueryEvent.Error error) {
                throw new CliException("live query: fleet says: " + error.message());
            } else if (event instanceof LiveQueryEvent.Closed closed) {
                progress("the results socket closed" + (closed.reason() == null || closed.reason().isEmpty() ? ""
                        : " (" + closed.reason() + ")") + ": ");
                return Outcome.CLOSED;
            }
            progress("");
            if (exitWhenDone && online >= 0 && responded >= online) {
                return Outcome.ALL_RESPONDED;
            }
        }
    }

    int responded() {
        return responded;
    }

    private void print(LiveQueryEvent.Result result) {
        if (result.error() != null) {
            err.println("[!] " + result.hostname() + ": " + result.error());
            err.flush();
            return;
        }
        ObjectNode line = json.createObjectNode();
        line.put("host", result.hostname());
        line.set("rows", result.rows().isMissingNode() ? json.createArrayNode() : result.rows());
        out.println(line.toString());
        out.flush();
    }

    private void progress(String prefix) {
        if (quiet) {
            return;
        }
        String text = prefix + responded + "/" + (online < 0 ? "?" : online) + " online hosts responded"
                + (targeted > 0 ? " (" + targeted + " targeted)" : "");
        if (!text.equals(lastProgress)) {
            err.println(text);
            err.flush();
            lastProgress = text;
        }
    }
}
