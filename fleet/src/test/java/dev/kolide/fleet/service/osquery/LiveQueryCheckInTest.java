package dev.kolide.fleet.service.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.inprocess.InProcessCampaignBus;
import dev.kolide.fleet.service.livequery.BusLiveQuerySource;
import dev.kolide.fleet.service.livequery.LiveResultLog;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import dev.kolide.fleet.service.osquery.testing.OsqueryRows;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Live queries through the real check-in path (OsqueryService over the bus), on both engines. */
class LiveQueryCheckInTest extends OsqueryDatabaseTestBase {

    @Test
    void withManyCampaignsRunningAHostGetsOnlyItsOwnAndACheckInCostsNoStatement() throws Exception {
        InProcessCampaignBus bus = new InProcessCampaignBus(NoWatcherRule.enabled(clock));
        SecureRandom random = new SecureRandom();
        osquery = OsqueryModule.create(ds, logs, new BusLiveQuerySource(bus, LiveResultLog.none()),
                new NodeKeys(24, random), random, clock, OsqueryModule.Settings.defaults());
        service = osquery.service();
        Enrollment web = enroll("uuid-1", "web-01");
        AuthenticatedHost host = service.authenticate(web.nodeKey());
        Map<String, List<Map<String, String>>> answers = new HashMap<>(OsqueryRows.ubuntuDetails("web-01"));
        service.distributedRead(host).queries().keySet().stream().filter(n -> n.startsWith(QueryNames.LABEL))
                .forEach(n -> answers.put(n, List.of(Map.of("1", "1"))));
        service.distributedWrite(host, DistributedResults.of(answers));
        clock.advance(Duration.ofSeconds(10));
        // 500 campaigns for other hosts, one for this one.
        LongStream.rangeClosed(1, 500).forEach(id -> bus.start(new LiveCampaign(id, "q" + id, "select " + id,
                Set.of(100_000 + id), 1, clock.instant())));
        bus.start(new LiveCampaign(501, "q501", "select 501", Set.of(web.hostId()), 1, clock.instant()));
        LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
        bus.subscribe(501, watched::add);
        statements.reset();

        AuthenticatedHost again = service.authenticate(web.nodeKey());
        DistributedQueries queries = service.distributedRead(again);
        service.distributedWrite(again, DistributedResults.of(Map.of(QueryNames.LIVE + "501",
                List.of(Map.of("pid", "7")))));

        assertThat(queries.queries()).containsEntry(QueryNames.LIVE + "501", "select 501")
                .doesNotContainKey(QueryNames.LIVE + "1");
        assertThat(statements.statements()).as("read and live-only write").isEmpty();
        assertThat(watched.poll()).isEqualTo(new LiveResult(501, web.hostId(), List.of(Map.of("pid", "7")), null));
        assertThat(service.distributedRead(service.authenticate(web.nodeKey())).queries())
                .as("answered, not asked again").doesNotContainKey(QueryNames.LIVE + "501");
    }
}
