package dev.kolide.fleet.service.osquery;

import static dev.kolide.fleet.service.osquery.testing.OsqueryRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Distributed reads (what is due) and writes (inventory, labels, additional results) for one host's life. */
class DistributedTest extends OsqueryDatabaseTestBase {
    private static final String DETAIL = QueryNames.DETAIL;

    private Map<Long, String> labelIdsByName() {
        return ds.labels().list(ListOptions.all()).stream()
                .collect(Collectors.toMap(Label::id, Label::name));
    }

    private List<String> memberships(long hostId) {
        return ds.labels().listForHost(hostId).stream().map(Label::name).toList();
    }

    private DistributedQueries read(Enrollment enrollment) {
        return service.distributedRead(service.authenticate(enrollment.nodeKey()));
    }

    private void write(Enrollment enrollment, DistributedResults results) {
        service.distributedWrite(service.authenticate(enrollment.nodeKey()), results);
    }

    /** Every label query answered: a row for All Hosts and Ubuntu Linux, none for the others. */
    private DistributedResults labelAnswers(DistributedQueries queries) {
        Map<Long, String> names = labelIdsByName();
        Map<String, List<Map<String, String>>> rows = new HashMap<>();
        queries.queries().keySet().stream().filter(name -> name.startsWith(QueryNames.LABEL)).forEach(name -> {
            String label = names.get(Long.parseLong(name.substring(QueryNames.LABEL.length())));
            boolean member = label.equals("All Hosts") || label.equals("Ubuntu Linux");
            rows.put(name, member ? List.of(row("1", "1")) : List.of());
        });
        return DistributedResults.of(rows);
    }

    @Test
    void aHostEnrolledWithoutDetailsIsAskedForDetailsFirstAndAccelerated() {
        ds.appConfig().save(new AppConfig("", "", "", false, 0, false, Map.of("packages", "select * from deb_packages;")));
        osquery.configSnapshots().reload();
        Enrollment bare = enrollBare("uuid-1");

        DistributedQueries first = read(bare);

        assertThat(first.queries().keySet()).containsExactlyInAnyOrder(DETAIL + "network_interface",
                DETAIL + "os_version", DETAIL + "osquery_flags", DETAIL + "osquery_info", DETAIL + "system_info",
                DETAIL + "uptime", QueryNames.ADDITIONAL + "packages");
        assertThat(first.queries()).containsEntry(QueryNames.ADDITIONAL + "packages", "select * from deb_packages;");
        assertThat(first.accelerateSeconds()).isEqualTo(10);

        write(bare, DistributedResults.of(OsqueryRows.ubuntuDetails("web-01.example.com")));
        DistributedQueries second = read(bare);

        assertThat(second.accelerateSeconds()).isZero();
        assertThat(second.queries().keySet()).as("labels, now that the platform is known")
                .allMatch(name -> name.startsWith(QueryNames.LABEL));
        assertThat(second.queries().values()).containsExactlyInAnyOrder("select 1;",
                "select 1 from os_version where platform = 'ubuntu';");
    }

    @Test
    void aHostEnrolledWithDetailsGetsDetailsAndLabelsTogether() {
        Enrollment web = enroll("uuid-1", "web-01");

        DistributedQueries first = read(web);

        assertThat(first.accelerateSeconds()).isZero();
        assertThat(first.queries().keySet().stream().filter(n -> n.startsWith(DETAIL))).hasSize(6);
        assertThat(first.queries().keySet().stream().filter(n -> n.startsWith(QueryNames.LABEL))).hasSize(2);
    }

    @Test
    void answersFillTheInventoryAndLabelsThenNothingIsDueUntilTheIntervalsPass() {
        Enrollment web = enroll("uuid-1", "web-01");
        DistributedQueries first = read(web);
        Map<String, List<Map<String, String>>> answers = new HashMap<>(OsqueryRows.ubuntuDetails("web-01.example.com"));
        answers.putAll(labelAnswers(first).rows());

        clock.advance(Duration.ofSeconds(2));
        write(web, DistributedResults.of(answers));

        Host host = ds.hosts().find(web.hostId()).orElseThrow();
        assertThat(host.detailUpdatedAt()).isEqualTo(clock.instant());
        assertThat(host.inventory().primaryIp()).isEqualTo("10.0.4.17");
        assertThat(host.inventory().uptime()).isEqualTo(Duration.ofSeconds(273_906));
        assertThat(host.intervals().distributedInterval()).isEqualTo(10);
        assertThat(host.labelUpdatedAt()).as("as of the snapshot the label queries came from").isEqualTo(T0);
        assertThat(memberships(web.hostId())).containsExactlyInAnyOrder("All Hosts", "Ubuntu Linux");

        statements.reset();
        DistributedQueries steady = read(web);
        assertThat(steady.queries()).isEmpty();
        assertThat(steady.accelerateSeconds()).isZero();
        assertThat(statements.count()).isZero();

        clock.advance(Duration.ofHours(1));
        assertThat(read(web).queries().keySet().stream().filter(n -> n.startsWith(DETAIL))).hasSize(6);
    }

    @Test
    void labelAnswersTakenByANodeThatDidNotHandOutTheQueriesAreDatedASnapshotIntervalBack() {
        Enrollment web = enroll("uuid-1", "web-01");
        DistributedQueries first = read(web);
        OsqueryService otherNode = newModule().service();
        clock.advance(Duration.ofSeconds(30));

        otherNode.distributedWrite(otherNode.authenticate(web.nodeKey()), labelAnswers(first));

        assertThat(ds.hosts().find(web.hostId()).orElseThrow().labelUpdatedAt())
                .isEqualTo(clock.instant().minusSeconds(5));
        assertThat(memberships(web.hostId())).containsExactlyInAnyOrder("All Hosts", "Ubuntu Linux");
    }

    @Test
    void aChangedLabelIsSentAgainAloneWithoutWaitingForTheInterval() {
        Enrollment web = enroll("uuid-1", "web-01");
        DistributedQueries first = read(web);
        Map<String, List<Map<String, String>>> answers = new HashMap<>(OsqueryRows.ubuntuDetails("web-01"));
        answers.putAll(labelAnswers(first).rows());
        write(web, DistributedResults.of(answers));

        clock.advance(Duration.ofMinutes(5));
        Label label = ds.labels().create(NewLabel.dynamic("has docker", "select 1 from docker_info;"));
        osquery.configSnapshots().reload();

        assertThat(read(web).queries()).containsOnlyKeys(QueryNames.LABEL + label.id());
        write(web, DistributedResults.of(Map.of(QueryNames.LABEL + label.id(), List.of(row("1", "1")))));
        assertThat(memberships(web.hostId())).contains("has docker");
        assertThat(read(web).queries()).isEmpty();
    }

    @Test
    void aLabelAnswerThatNoLongerMatchesRemovesTheMembership() {
        Enrollment web = enroll("uuid-1", "web-01");
        Label label = ds.labels().create(NewLabel.dynamic("busy", "select 1 from load_average where average > 2;"));
        osquery.configSnapshots().reload();
        write(web, DistributedResults.of(Map.of(QueryNames.LABEL + label.id(), List.of(row("1", "1")))));
        assertThat(service.authenticate(web.nodeKey()).labelIds()).contains(label.id());

        write(web, DistributedResults.of(Map.of(QueryNames.LABEL + label.id(), List.of())));

        assertThat(memberships(web.hostId())).doesNotContain("busy");
        assertThat(service.authenticate(web.nodeKey()).labelIds()).as("the cache follows").doesNotContain(label.id());
    }

    @Test
    void failedQueriesKeepWhatIsKnown() {
        Enrollment web = enroll("uuid-1", "web-01");
        Label label = ds.labels().create(NewLabel.dynamic("busy", "select 1;"));
        osquery.configSnapshots().reload();
        write(web, DistributedResults.of(Map.of(QueryNames.LABEL + label.id(), List.of(row("1", "1")))));
        Host before = ds.hosts().find(web.hostId()).orElseThrow();

        write(web, new DistributedResults(Map.of(QueryNames.LABEL + label.id(), List.of(),
                DETAIL + "system_info", List.of()), Map.of(QueryNames.LABEL + label.id(), 1,
                DETAIL + "system_info", 1), Map.of(DETAIL + "system_info", "no such table: system_info")));

        assertThat(memberships(web.hostId())).contains("busy");
        Host after = ds.hosts().find(web.hostId()).orElseThrow();
        assertThat(after.inventory()).isEqualTo(before.inventory());
        assertThat(after.detailUpdatedAt()).as("details still due").isEqualTo(Host.NEVER);
    }

    @Test
    void additionalQueryResultsAreStoredOnTheHostAsJson() {
        Enrollment web = enroll("uuid-1", "web-01");

        write(web, DistributedResults.of(Map.of(QueryNames.ADDITIONAL + "packages",
                List.of(row("name", "curl", "version", "7.81.0")), QueryNames.ADDITIONAL + "none", List.of())));

        assertThat(ds.hosts().find(web.hostId()).orElseThrow().additional())
                .isEqualTo("{\"none\":[],\"packages\":[{\"name\":\"curl\",\"version\":\"7.81.0\"}]}");
    }

    @Test
    void unknownNamesAndLabelIdsAreIgnored() {
        Enrollment web = enroll("uuid-1", "web-01");
        service.authenticate(web.nodeKey());
        statements.reset();

        write(web, DistributedResults.of(Map.of("something_else", List.of(row("a", "b")),
                QueryNames.LABEL + "not-a-number", List.of(row("1", "1")), DETAIL + "no_such_detail", List.of())));

        assertThat(statements.count()).isZero();
    }

    @Test
    void liveQueriesAreHandedOutAndTheirAnswersRecordedThroughTheLiveQuerySource() {
        List<String> recorded = new CopyOnWriteArrayList<>();
        LiveQuerySource live = new LiveQuerySource() {
            @Override
            public Map<String, String> pendingFor(Host host) {
                return Map.of("42", "select * from processes;");
            }

            @Override
            public void record(Host host, String name, List<Map<String, String>> rows, int status, String error) {
                recorded.add(host.id() + " " + name + " " + rows.size() + " " + status + " " + error);
            }
        };
        SecureRandom random = new SecureRandom();
        osquery = OsqueryModule.create(ds, logs, live, new NodeKeys(24, random), random, clock,
                OsqueryModule.Settings.defaults());
        service = osquery.service();
        Enrollment web = enroll("uuid-1", "web-01");

        assertThat(read(web).queries()).containsEntry(QueryNames.LIVE + "42", "select * from processes;");
        write(web, new DistributedResults(Map.of(QueryNames.LIVE + "42", List.of(row("pid", "1"))),
                Map.of(QueryNames.LIVE + "43", 1), Map.of(QueryNames.LIVE + "43", "timeout")));

        assertThat(recorded).containsExactlyInAnyOrder(web.hostId() + " 42 1 0 ", web.hostId() + " 43 0 1 timeout");
    }

    @Test
    void aWriteForAHostDeletedMeanwhileAsksItToEnrollAgain() {
        Enrollment web = enroll("uuid-1", "web-01");
        AuthenticatedHost host = service.authenticate(web.nodeKey());
        ds.hosts().delete(web.hostId());

        assertThatThrownBy(() -> service.distributedWrite(host,
                DistributedResults.of(OsqueryRows.ubuntuDetails("web-01"))))
                .isInstanceOf(HostAuthenticationException.class);
        assertThatThrownBy(() -> service.authenticate(web.nodeKey())).isInstanceOf(HostAuthenticationException.class);
    }
}
