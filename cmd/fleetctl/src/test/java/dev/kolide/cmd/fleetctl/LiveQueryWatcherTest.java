package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.client.FleetJson;
import dev.kolide.fleet.client.LiveQueryEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveQueryWatcherTest {
    private final ObjectMapper json = FleetJson.mapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Hands out the events, then nothing; each empty wait moves the clock on by the wait. */
    private static final class Script implements LiveQueryWatcher.Events {
        private final Deque<LiveQueryEvent> events;
        private final MovingClock clock;

        Script(MovingClock clock, List<LiveQueryEvent> events) {
            this.clock = clock;
            this.events = new ArrayDeque<>(events);
        }

        @Override
        public Optional<LiveQueryEvent> next(Duration wait) {
            if (events.isEmpty()) {
                clock.now = clock.now.plus(wait);
                return Optional.empty();
            }
            return Optional.of(events.poll());
        }
    }

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private LiveQueryEvent.Result result(String hostname, String rows, String error) throws Exception {
        return new LiveQueryEvent.Result(json.createObjectNode().put("hostname", hostname), json.readTree(rows),
                error);
    }

    private LiveQueryWatcher watcher(MovingClock clock, boolean quiet, boolean exit) {
        return new LiveQueryWatcher(new PrintWriter(out), new PrintWriter(err), clock, json, quiet, exit);
    }

    @Test
    void withExitItStopsOnceEveryOnlineHostAnsweredAndPrintsOneJsonLinePerHost() throws Exception {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Totals(3, 2, 1, 0),
                result("web-01", "[{\"uptime\":\"10\"}]", null), result("db-01", "[]", null),
                result("never-read", "[]", null)));

        LiveQueryWatcher.Outcome outcome = watcher(clock, false, true).watch(script, Duration.ZERO);

        assertThat(outcome).isEqualTo(LiveQueryWatcher.Outcome.ALL_RESPONDED);
        assertThat(out.toString().split("\\R")).containsExactly(
                "{\"host\":\"web-01\",\"rows\":[{\"uptime\":\"10\"}]}",
                "{\"host\":\"db-01\",\"rows\":[]}");
        assertThat(err.toString()).contains("2/2 online hosts responded (3 targeted)");
    }

    @Test
    void aHostsErrorGoesToStderrAndStillCountsAsAnAnswer() throws Exception {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Totals(1, 1, 0, 0),
                result("web-01", "[]", "no such table: nope")));

        assertThat(watcher(clock, true, true).watch(script, Duration.ZERO))
                .isEqualTo(LiveQueryWatcher.Outcome.ALL_RESPONDED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("[!] web-01: no such table: nope" + System.lineSeparator());
    }

    @Test
    void theTimeoutEndsAWatchThatIsStillWaiting() throws Exception {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Totals(2, 2, 0, 0),
                result("web-01", "[]", null)));

        LiveQueryWatcher.Outcome outcome = watcher(clock, false, true).watch(script, Duration.ofSeconds(5));

        assertThat(outcome).isEqualTo(LiveQueryWatcher.Outcome.TIMED_OUT);
        assertThat(clock.now).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(err.toString()).contains("timed out after 5s: 1/2 online hosts responded");
    }

    @Test
    void withoutExitItKeepsWatchingAfterEveryHostAnswered() throws Exception {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Totals(1, 1, 0, 0),
                result("web-01", "[]", null)));

        assertThat(watcher(clock, true, false).watch(script, Duration.ofSeconds(2)))
                .isEqualTo(LiveQueryWatcher.Outcome.TIMED_OUT);
    }

    @Test
    void theServersErrorEndsTheWatchWithItsMessage() {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Error("unauthorized")));

        assertThatThrownBy(() -> watcher(clock, true, true).watch(script, Duration.ZERO))
                .isInstanceOf(CliException.class).hasMessageContaining("unauthorized");
    }

    @Test
    void aClosedSocketEndsTheWatch() throws Exception {
        MovingClock clock = new MovingClock();
        Script script = new Script(clock, List.of(new LiveQueryEvent.Closed(1000, "campaign finished")));

        assertThat(watcher(clock, false, true).watch(script, Duration.ZERO))
                .isEqualTo(LiveQueryWatcher.Outcome.CLOSED);
        assertThat(err.toString()).contains("campaign finished");
    }
}
