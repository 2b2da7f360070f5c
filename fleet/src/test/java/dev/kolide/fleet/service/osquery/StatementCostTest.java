package dev.kolide.fleet.service.osquery;

import static dev.kolide.fleet.service.osquery.testing.OsqueryRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What each osquery call costs in SQL statements, counted by the datastore's statement listener on both engines.
 * docs/fleet-osquery-api.md lists these numbers; keep the two in step.
 */
class StatementCostTest extends OsqueryDatabaseTestBase {

    /** Runs {@code call} and returns the statements it sent. */
    private List<String> cost(Runnable call) {
        statements.reset();
        call.run();
        return statements.statements();
    }

    private <T> T measured(Supplier<T> call, int expected, String what) {
        statements.reset();
        T result = call.get();
        assertThat(statements.statements()).as(what).hasSize(expected);
        return result;
    }

    @Test
    void steadyCheckInsCostNoStatementAtAll() {
        Enrollment web = enroll("uuid-1", "web-01");
        AuthenticatedHost host = service.authenticate(web.nodeKey());
        Map<String, List<Map<String, String>>> answers = new HashMap<>(OsqueryRows.ubuntuDetails("web-01"));
        service.distributedRead(host).queries().keySet().stream().filter(n -> n.startsWith(QueryNames.LABEL))
                .forEach(n -> answers.put(n, List.of(row("1", "1"))));
        service.distributedWrite(host, DistributedResults.of(answers));
        service.config(service.authenticate(web.nodeKey()));
        clock.advance(Duration.ofSeconds(10));

        List<String> steady = cost(() -> {
            for (int checkIn = 0; checkIn < 5; checkIn++) {
                AuthenticatedHost again = service.authenticate(web.nodeKey());
                service.config(again);
                service.distributedRead(again);
                service.distributedWrite(again, DistributedResults.of(Map.of()));
                service.submitLogs(again, LogType.RESULT, List.of("{}"));
                clock.advance(Duration.ofSeconds(10));
            }
        });

        assertThat(steady).as("5 rounds of authenticate, config, read, empty write, log").isEmpty();
    }

    @Test
    void manyHostsCheckingInCostOneUpdateWhenTheSeenTimesAreFlushed() {
        List<Enrollment> enrolled = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            enrolled.add(enroll("uuid-" + i, "host-" + i));
        }
        enrolled.forEach(e -> service.config(service.authenticate(e.nodeKey())));

        List<String> checkIns = cost(() -> {
            for (int round = 0; round < 3; round++) {
                enrolled.forEach(e -> service.distributedRead(service.authenticate(e.nodeKey())));
            }
        });
        List<String> flush = cost(osquery.seenTimes()::flush);

        assertThat(checkIns).as("120 cached check-ins").isEmpty();
        assertThat(flush).hasSize(1).allMatch(sql -> sql.startsWith("UPDATE hosts SET seen_time"));
    }

    @Test
    void eachCallCostsWhatTheDocumentSays() {
        ds.appConfig().save(new AppConfig("", "", "", true, 30, false, Map.of("packages", "select 1;")));
        Label extra = ds.labels().create(NewLabel.dynamic("never matches", "select 1 where 0;"));
        osquery.configSnapshots().reload();

        Enrollment bare = measured(() -> enrollBare("uuid-bare"), 3, "enroll without host details");
        Enrollment web = measured(() -> enroll("uuid-1", "web-01"), 4, "enroll with host details");
        AuthenticatedHost host = measured(() -> service.authenticate(web.nodeKey()), 2, "first authentication");
        measured(() -> service.authenticate(web.nodeKey()), 0, "cached authentication");
        measured(() -> service.config(host), 1, "first config saves the served intervals");
        AuthenticatedHost cached = service.authenticate(web.nodeKey());
        measured(() -> service.config(cached), 0, "config, intervals unchanged");
        DistributedQueries due = measured(() -> service.distributedRead(cached), 0, "read with everything due");
        assertThat(due.queries()).hasSize(6 + 1 + 3);

        Map<String, List<Map<String, String>>> answers = new HashMap<>(OsqueryRows.ubuntuDetails("web-01"));
        answers.put(QueryNames.ADDITIONAL + "packages", List.of(row("1", "1")));
        due.queries().keySet().stream().filter(n -> n.startsWith(QueryNames.LABEL)).forEach(n ->
                answers.put(n, n.equals(QueryNames.LABEL + extra.id()) ? List.of() : List.of(row("1", "1"))));
        List<String> write = cost(() -> service.distributedWrite(cached, DistributedResults.of(answers)));
        assertThat(write).as("inventory, intervals, additional, label upsert + delete + time").hasSize(6);
        assertThat(write).allMatch(sql -> !sql.startsWith("SELECT"));

        AuthenticatedHost after = service.authenticate(web.nodeKey());
        measured(() -> service.distributedRead(after), 0, "read with nothing due");
        clock.advance(Duration.ofHours(1));
        AuthenticatedHost hourLater = service.authenticate(web.nodeKey());
        List<String> secondDetails = cost(() -> service.distributedWrite(hourLater,
                DistributedResults.of(OsqueryRows.ubuntuDetails("web-01"))));
        assertThat(secondDetails).as("details again, intervals unchanged").hasSize(1);

        measured(() -> {
            service.submitLogs(hourLater, LogType.STATUS, List.of("{}"));
            return null;
        }, 0, "logs");
        CarveSession carve = measured(() -> service.carveBegin(hourLater, new CarveBegin(1, 10, 10, "c", "r")), 2,
                "carve begin: insert, read back");
        measured(() -> {
            service.carveBlock(new CarveBlock(carve.sessionId(), "r", 0, new byte[10]));
            return null;
        }, 3, "carve block: find session, advance, insert");
        measured(osquery.seenTimes()::flush, 1, "seen-time flush for 2 hosts");
        measured(osquery.configSnapshots()::reload, 5, "config snapshot reload");
        measured(osquery.maintenance()::runOnce, 7, "host clean-up with expiry on: app config, 2 × 3 deletes");
        assertThat(bare.hostId()).isNotEqualTo(web.hostId());
    }
}
