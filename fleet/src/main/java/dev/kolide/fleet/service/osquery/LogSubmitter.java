package dev.kolide.fleet.service.osquery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.logging.LogDestination;
import dev.kolide.fleet.logging.LogDestinationException;
import dev.kolide.fleet.logging.LogDestinations;
import java.util.List;

/** Writes a host's result or status logs to their destination, as sent; no database. */
final class LogSubmitter {
    private final LogDestinations destinations;

    LogSubmitter(LogDestinations destinations) {
        this.destinations = requireNonNull(destinations, "destinations is null");
    }

    void submit(AuthenticatedHost host, LogType type, List<String> logs) {
        requireNonNull(type, "type is null");
        requireNonNull(logs, "logs is null");
        for (int i = 0; i < logs.size(); i++) {
            String line = requireNonNull(logs.get(i), "log line is null");
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                // A destination holds one log per line; a line break would split or forge entries.
                throw new InvalidOsqueryRequestException("log " + i + " contains a line break");
            }
        }
        if (logs.isEmpty()) {
            return;
        }
        LogDestination destination = type == LogType.STATUS ? destinations.status() : destinations.result();
        try {
            destination.write(logs);
        } catch (LogDestinationException e) {
            throw new LogsNotStoredException("writing " + logs.size() + " " + type.value() + " logs of host "
                    + host.id() + " failed", e);
        }
    }
}
