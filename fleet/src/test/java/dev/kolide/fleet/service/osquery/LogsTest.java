package dev.kolide.fleet.service.osquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.logging.LogDestination;
import dev.kolide.fleet.logging.LogDestinationException;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.osquery.cache.HostAuthCache;
import dev.kolide.fleet.service.osquery.cache.SeenTimeBatcher;
import dev.kolide.fleet.service.osquery.snapshot.ConfigSnapshots;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result and status logs go to their destinations, or fail loudly so that osquery keeps them. */
class LogsTest extends OsqueryDatabaseTestBase {

    @Test
    void resultAndStatusLogsLandInTheirOwnFilesAsSentWithoutTouchingTheDatabase() {
        AuthenticatedHost host = authenticate(enroll("uuid-1", "web-01"));
        statements.reset();

        service.submitLogs(host, LogType.RESULT, List.of("{\"name\":\"pack/users\",\"action\":\"added\"}",
                "{\"name\":\"pack/users\",\"action\":\"removed\"}"));
        service.submitLogs(host, LogType.STATUS, List.of("{\"severity\":\"0\",\"message\":\"started\"}"));
        logs.flush();

        assertThat(lines(resultLogFile())).containsExactly("{\"name\":\"pack/users\",\"action\":\"added\"}",
                "{\"name\":\"pack/users\",\"action\":\"removed\"}");
        assertThat(lines(statusLogFile())).containsExactly("{\"severity\":\"0\",\"message\":\"started\"}");
        assertThat(statements.count()).isZero();
    }

    @Test
    void aLogWithALineBreakIsRefusedAndNothingIsWritten() {
        AuthenticatedHost host = authenticate(enroll("uuid-1", "web-01"));

        assertThatThrownBy(() -> service.submitLogs(host, LogType.RESULT, List.of("{}", "{\"a\":\n1}")))
                .isInstanceOf(InvalidOsqueryRequestException.class)
                .hasMessage("log 1 contains a line break");
        logs.flush();
        assertThat(lines(resultLogFile())).isEmpty();
    }

    @Test
    void aFailingDestinationIsReportedSoThatOsqueryKeepsItsLogs() {
        LogDestination broken = new LogDestination() {
            @Override
            public void write(List<String> lines) {
                throw new LogDestinationException("writing to /var/log/osquery/results.log: No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void reopen() {}

            @Override
            public void close() {}
        };
        SecureRandom random = new SecureRandom();
        OsqueryService failing = new OsqueryServiceImpl(ds, new LogDestinations(broken, broken),
                new HostAuthCache(clock), new SeenTimeBatcher(ds.hosts(), Duration.ofSeconds(5)),
                new ConfigSnapshots(ds.osqueryOptions(), ds.appConfig(), ds.labels(), ds.packs(), new ObjectMapper(),
                        clock),
                LiveQuerySource.none(), new NodeKeys(24, random), random, clock, OsqueryServiceSettings.defaults(),
                Duration.ofSeconds(5));
        AuthenticatedHost host = failing.authenticate(enroll("uuid-1", "web-01").nodeKey());

        assertThatThrownBy(() -> failing.submitLogs(host, LogType.STATUS, List.of("{}")))
                .isInstanceOf(LogsNotStoredException.class)
                .hasMessage("writing 1 status logs of host " + host.id() + " failed")
                .hasCauseInstanceOf(LogDestinationException.class);
    }

    @Test
    void anEmptyBatchIsAccepted() {
        AuthenticatedHost host = authenticate(enroll("uuid-1", "web-01"));

        service.submitLogs(host, LogType.RESULT, List.of());

        assertThat(lines(resultLogFile())).isEmpty();
    }
}
