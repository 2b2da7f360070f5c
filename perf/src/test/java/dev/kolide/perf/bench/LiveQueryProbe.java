package dev.kolide.perf.bench;

import dev.kolide.fleet.client.Campaign;
import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.FleetClientException;
import dev.kolide.fleet.client.LiveQueryEvent;
import dev.kolide.fleet.client.LiveQueryStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One live query as a person runs it: {@code POST /api/v1/kolide/queries/run_by_names} on the All Hosts label, then
 * the results WebSocket, timed from just before the POST to each host's result arriving on the socket.
 */
final class LiveQueryProbe {
    private LiveQueryProbe() {}

    /** Latencies of one live query to the {@code expected} online hosts, waiting at most {@code timeout}. */
    static LiveQueryLatency run(FleetClient admin, int expected, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        Campaign campaign;
        try {
            campaign = admin.runQueryByNames("SELECT 1 AS one", List.of(), List.of("All Hosts"));
        } catch (FleetClientException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e;
            }
            // After minutes idle (the launcher part) the HTTP/2 connection can be one fleet is closing (GOAWAY):
            // the request was not processed, and the client does not resend a POST by itself. The time counts.
            campaign = admin.runQueryByNames("SELECT 1 AS one", List.of(), List.of("All Hosts"));
        }
        double created = (System.nanoTime() - started) / 1e9;
        double opened;
        List<Double> arrivals = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        int online = -1;
        String problem = null;
        long deadline = started + timeout.toNanos();
        try (LiveQueryStream stream = LiveQueryStream.open(admin, campaign)) {
            opened = (System.nanoTime() - started) / 1e9;
            while (answered.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Optional<LiveQueryEvent> event = stream.next(Duration.ofNanos(left));
                if (event.isEmpty()) {
                    break;
                }
                if (event.get() instanceof LiveQueryEvent.Result result
                        && answered.add(result.host().path("id").asText(result.hostname()))) {
                    arrivals.add((System.nanoTime() - started) / 1e9);
                } else if (event.get() instanceof LiveQueryEvent.Totals totals) {
                    online = totals.online();
                } else if (event.get() instanceof LiveQueryEvent.Error error) {
                    problem = error.message();
                    break;
                } else if (event.get() instanceof LiveQueryEvent.Closed closed) {
                    problem = "the results socket closed: " + closed;
                    break;
                }
            }
        }
        Collections.sort(arrivals);
        return new LiveQueryLatency(expected, online, created, opened, arrivals, problem);
    }

    /**
     * @param expected hosts running, all of them online
     * @param online fleet's count of online targets when the campaign started (-1 if it sent none)
     * @param created seconds until the POST that starts the campaign was answered
     * @param opened seconds until the results socket was open, authenticated and subscribed
     * @param arrivals seconds from the request to each host's result, sorted
     * @param problem what the results socket reported instead of results (null when nothing)
     */
    record LiveQueryLatency(int expected, int online, double created, double opened, List<Double> arrivals,
            String problem) {
        int answered() {
            return arrivals.size();
        }

        boolean complete() {
            return arrivals.size() >= expected;
        }

        double percentile(double p) {
            if (arrivals.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * arrivals.size()) - 1;
            return arrivals.get(Math.max(0, Math.min(arrivals.size() - 1, index)));
        }

        double last() {
            return arrivals.isEmpty() ? Double.NaN : arrivals.get(arrivals.size() - 1);
        }
    }
}
