package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.logging.LogDestination;
import dev.kolide.fleet.logging.LogDestinationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live-query rows copied to the result log ({@code --osquery_log_live_query_results}, fleetdm #366): one JSON
 * line per row in osquery's event-format result-log shape, named after the campaign's query, so that the log
 * pipeline sees live answers as it sees scheduled ones.
 */
public interface LiveResultLog {

    void write(Host host, LiveCampaign campaign, List<Map<String, String>> rows);

    static LiveResultLog none() {
        return (host, campaign, rows) -> { };
    }

    static LiveResultLog to(LogDestination destination, ObjectMapper json, Clock clock) {
        return new ToDestination(destination, json, clock);
    }

    /** Writes to a log destination; a failed write is logged, never passed to the host (it cannot resend). */
    final class ToDestination implements LiveResultLog {
        /** osquery's calendarTime, strftime "%a %b %e %H:%M:%S %Y UTC": "Fri Mar  1 12:00:00 2024 UTC". */
        private static final DateTimeFormatter CALENDAR_TIME =
                DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

        private final Logger log = LoggerFactory.getLogger(ToDestination.class);
        private final LogDestination destination;
        private final ObjectMapper json;
        private final Clock clock;

        ToDestination(LogDestination destination, ObjectMapper json, Clock clock) {
            this.destination = requireNonNull(destination, "destination is null");
            this.json = requireNonNull(json, "json is null");
            this.clock = requireNonNull(clock, "clock is null");
        }

        @Override
        public void write(Host host, LiveCampaign campaign, List<Map<String, String>> rows) {
            Instant now = clock.instant();
            List<String> lines = new ArrayList<>(rows.size());
            for (Map<String, String> row : rows) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("name", campaign.queryName());
                line.put("hostIdentifier", host.osqueryHostId());
                line.put("calendarTime", CALENDAR_TIME.format(now));
                line.put("unixTime", now.getEpochSecond());
                line.put("epoch", 0);
                line.put("counter", 0);
                line.put("numerics", false);
                line.put("decorations", Map.of("host_uuid", host.inventory().uuid(),
                        "hostname", host.inventory().hostname()));
                line.put("columns", row);
                line.put("action", "added");
                lines.add(encode(line));
            }
            try {
                destination.write(lines);
            } catch (LogDestinationException e) {
                log.warn("writing {} live-query rows of campaign {} to the result log failed", rows.size(),
                        campaign.id(), e);
            }
        }

        private String encode(Map<String, Object> line) {
            try {
                return json.writeValueAsString(line);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("encoding a live-query result log line", e);
            }
        }
    }
}
