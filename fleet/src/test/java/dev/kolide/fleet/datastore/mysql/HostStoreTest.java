package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.datastore.OrderDirection;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.HostStatus;
import dev.kolide.fleet.domain.HostSummary;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.domain.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostStoreTest extends DatastoreTestBase {

    @Test
    void enrollCreatesAHostSeenNowWhoseDetailsAndLabelsAreDue() {
        Host host = ds.hosts().enroll("uuid-1", "node-key-1", "default");

        assertThat(host.id()).isPositive();
        assertThat(host.osqueryHostId()).isEqualTo("uuid-1");
        assertThat(host.nodeKey()).isEqualTo("node-key-1");
        assertThat(host.enrollSecretName()).isEqualTo("default");
        assertThat(host.createdAt()).isEqualTo(T0);
        assertThat(host.seenTime()).isEqualTo(T0);
        assertThat(host.detailUpdatedAt()).isEqualTo(Host.NEVER);
        assertThat(host.labelUpdatedAt()).isEqualTo(Host.NEVER);
        assertThat(host.inventory()).isEqualTo(HostInventory.empty());
        assertThat(ds.hosts().findByNodeKey("node-key-1")).contains(host);
    }

    @Test
    void reEnrollingRotatesTheNodeKeyKeepsTheHostAndResetsUpdateTimes() {
        Host first = ds.hosts().enroll("uuid-1", "old-key", "first-secret");
        ds.hosts().saveInventory(first.id(), inventory("web-01", "ubuntu"), T0);
        ds.hosts().setLabelUpdatedAt(first.id(), T0);
        clock.advance(Duration.ofHours(1));

        Host again = ds.hosts().enroll("uuid-1", "new-key", "second-secret");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.nodeKey()).isEqualTo("new-key");
        assertThat(again.enrollSecretName()).isEqualTo("second-secret");
        assertThat(again.createdAt()).isEqualTo(T0);
        assertThat(again.seenTime()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(again.detailUpdatedAt()).isEqualTo(Host.NEVER);
        assertThat(again.labelUpdatedAt()).isEqualTo(Host.NEVER);
        assertThat(again.inventory().hostname()).isEqualTo("web-01");
        assertThat(ds.hosts().findByNodeKey("old-key")).isEmpty();
        assertThat(ds.hosts().findByNodeKey("new-key")).map(Host::id).contains(first.id());
        assertThat(ds.hosts().list(ListOptions.all())).hasSize(1);
    }

    @Test
    void findAllAnswersTheHostsThatExistInIdOrderAcrossStatementChunks() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(enroll("uuid-" + i).id());
        }
        List<Long> asked = new ArrayList<>(ids);
        asked.add(999_999L); // no such host
        Collections.reverse(asked);

        List<Host> found = ds.hosts().findAll(asked);

        assertThat(found).extracting(Host::id).containsExactlyElementsOf(ids);
        assertThat(found.get(0).osqueryHostId()).isEqualTo("uuid-0");
        assertThat(ds.hosts().findAll(List.of())).isEmpty();
    }

    @Test
    void nodeKeysCompareExactly() {
        ds.hosts().enroll("uuid-1", "AbCdEf123", "default");

        assertThat(ds.hosts().findByNodeKey("AbCdEf123")).isPresent();
        assertThat(ds.hosts().findByNodeKey("abcdef123")).isEmpty();
        assertThat(ds.hosts().findByNodeKey("AbCdEf12")).isEmpty();
    }

    @Test
    void findByIdentifierMatchesOsqueryIdNodeKeyUuidOrHostname() {
        Host host = enrollWithDetails("web-01", "ubuntu");
        enrollWithDetails("db-01", "centos");

        assertThat(ds.hosts().findByIdentifier("web-01")).map(Host::id).contains(host.id());
        assertThat(ds.hosts().findByIdentifier("uuid-web-01")).map(Host::id).contains(host.id());
        assertThat(ds.hosts().findByIdentifier("key-web-01")).map(Host::id).contains(host.id());
        assertThat(ds.hosts().findByIdentifier("nope")).isEmpty();
    }

    @Test
    void inventoryIntervalsAndAdditionalResultsRoundTrip() {
        Host host = enroll("uuid-1");
        HostInventory inventory = new HostInventory("höst-01 ☃", "C8A5-11E9", "darwin", "darwin", "4.5.1",
                "macOS 14.3.1", "23D60", "sonoma", Duration.ofSeconds(123_456), 17_179_869_184L, "x86_64h",
                "Intel x86-64h Haswell", "Intel(R) Core(TM) i7", 4, 8, "Apple Inc.", "MacBookPro16,1", "1.0",
                "C02XL0GYJGH5", "Alice’s MacBook", "192.168.1.20", "a4:83:e7:00:11:22");
        Instant detailTime = T0.plusNanos(123_456_789);

        ds.hosts().saveInventory(host.id(), inventory, detailTime);
        ds.hosts().saveIntervals(host.id(), new HostIntervals(10, 60, 5));
        ds.hosts().saveAdditional(host.id(), "{\"owner\":[{\"name\":\"alice\"}]}");

        Host stored = ds.hosts().find(host.id()).orElseThrow();
        assertThat(stored.inventory()).isEqualTo(inventory);
        assertThat(stored.intervals()).isEqualTo(new HostIntervals(10, 60, 5));
        assertThat(stored.additional()).isEqualTo("{\"owner\":[{\"name\":\"alice\"}]}");
        // stored in UTC to the microsecond
        assertThat(stored.detailUpdatedAt()).isEqualTo(T0.plusNanos(123_456_000));
    }

    @Test
    void savingAnUnknownHostIsNotFound() {
        assertThatThrownBy(() -> ds.hosts().saveInventory(404, HostInventory.empty(), T0))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("host 404 not found");
        assertThatThrownBy(() -> ds.hosts().saveIntervals(404, HostIntervals.unknown()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ds.hosts().setLabelUpdatedAt(404, T0)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ds.hosts().delete(404)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void markSeenUpdatesManyHostsAtOnceAndNeverMovesBackwards() {
        Host a = enroll("a");
        Host b = enroll("b");
        Host c = enroll("c");

        int matched = ds.hosts().markSeen(Map.of(
                a.id(), T0.plusSeconds(10),
                b.id(), T0.plusSeconds(20),
                c.id(), T0.minusSeconds(3600),
                999_999L, T0));

        assertThat(matched).isEqualTo(3);
        assertThat(ds.hosts().find(a.id()).orElseThrow().seenTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(ds.hosts().find(b.id()).orElseThrow().seenTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(ds.hosts().find(c.id()).orElseThrow().seenTime()).isEqualTo(T0);
        assertThat(ds.hosts().markSeen(Map.of())).isZero();
    }

    @Test
    void markSeenSplitsLargeFlushesIntoBatches() {
        int count = MysqlHostStore.SEEN_BATCH * 2 + 7;
        sql.useHandle(h -> {
            var batch = h.prepareBatch("INSERT INTO hosts (created_at, updated_at, osquery_host_id, node_key,"
                    + " detail_updated_at, label_updated_at, seen_time) VALUES (:t, :t, :id, :id, :t, :t, :t)");
            for (int i = 0; i < count; i++) {
                batch.bind("t", UtcInstantArgumentFactory.toUtc(T0)).bind("id", "bulk-" + i).add();
            }
            batch.execute();
        });
        List<Host> hosts = ds.hosts().list(ListOptions.all());
        Map<Long, Instant> seen = new HashMap<>();
        hosts.forEach(host -> seen.put(host.id(), T0.plusSeconds(host.id() % 50)));

        assertThat(ds.hosts().markSeen(seen)).isEqualTo(count);

        assertThat(ds.hosts().list(ListOptions.all()))
                .allSatisfy(host -> assertThat(host.seenTime()).isEqualTo(T0.plusSeconds(host.id() % 50)));
    }

    @Test
    void listPaginatesAndOrdersByAllowedKeys() {
        List<Long> ids = new ArrayList<>();
        for (String name : List.of("c-host", "a-host", "e-host", "b-host", "d-host")) {
            ids.add(enrollWithDetails(name, "ubuntu").id());
        }

        assertThat(ds.hosts().list(ListOptions.page(0, 2))).map(Host::id).containsExactly(ids.get(0), ids.get(1));
        assertThat(ds.hosts().list(ListOptions.page(2, 2))).map(Host::id).containsExactly(ids.get(4));
        assertThat(ds.hosts().list(ListOptions.page(0, 3).orderBy("hostname", OrderDirection.DESC)))
                .map(host -> host.inventory().hostname())
                .containsExactly("e-host", "d-host", "c-host");
        assertThatThrownBy(() -> ds.hosts().list(ListOptions.all().orderBy("node_key; DROP TABLE hosts",
                OrderDirection.ASC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot order hosts by")
                .hasMessageContaining("hostname");
    }

    @Test
    void statusFiltersAndSummaryAgreeWithHostStatusAtAFixedNow() {
        Instant now = T0.plus(Duration.ofDays(40));
        List<Host> hosts = new ArrayList<>();
        hosts.add(hostSeenAt("online", now.minusSeconds(20), now.minus(Duration.ofDays(35)), 10, 10));
        hosts.add(hostSeenAt("offline", now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofDays(35)), 10, 10));
        hosts.add(hostSeenAt("window-edge", now.minusSeconds(40), now.minus(Duration.ofDays(35)), 10, 60));
        hosts.add(hostSeenAt("mia", now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(31)), 10, 10));
        hosts.add(hostSeenAt("mia-edge", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)), 10, 10));
        hosts.add(hostSeenAt("new-online", now.minusSeconds(5), now.minus(Duration.ofHours(1)), 10, 10));
        hosts.add(hostSeenAt("new-offline", now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(1)), 0, 0));

        for (HostStatus status : List.of(HostStatus.ONLINE, HostStatus.OFFLINE, HostStatus.MIA)) {
            assertThat(ds.hosts().listByStatus(status, now, ListOptions.all()))
                    .as(status.value())
                    .map(host -> host.osqueryHostId())
                    .containsExactlyElementsOf(hosts.stream()
                            .filter(host -> HostStatus.of(host, now) == status)
                            .map(Host::osqueryHostId)
                            .toList());
        }
        assertThat(ds.hosts().listByStatus(HostStatus.NEW, now, ListOptions.all()))
                .map(Host::osqueryHostId)
                .containsExactly("new-online", "new-offline");

        HostSummary summary = ds.hosts().summary(now);
        assertThat(summary).isEqualTo(new HostSummary(2, 3, 2, 2, 7));
    }

    /** A host enrolled at {@code enrolled}, last seen at {@code seen}, with the given intervals. */
    private Host hostSeenAt(String id, Instant seen, Instant enrolled, int distributedInterval, int configRefresh) {
        clock.set(enrolled);
        Host host = enroll(id);
        ds.hosts().saveIntervals(host.id(), new HostIntervals(distributedInterval, configRefresh, 10));
        ds.hosts().markSeen(Map.of(host.id(), seen));
        clock.set(T0);
        return ds.hosts().find(host.id()).orElseThrow();
    }

    @Test
    void summaryOfNoHostsIsZeros() {
        assertThat(ds.hosts().summary(T0)).isEqualTo(new HostSummary(0, 0, 0, 0, 0));
    }

    @Test
    void deletingAHostDeletesItsMembershipsAndTheTargetsNamingIt() {
        Host host = enroll("a");
        Host other = enroll("b");
        long label = ds.labels().create(NewLabel.manual("manual")).id();
        ds.labels().setManualMembers(label, List.of(host.id(), other.id()));
        long pack = ds.packs().create(NewPack.named("pack")).id();
        ds.packs().addTarget(pack, TargetType.HOST, host.id());
        ds.packs().addTarget(pack, TargetType.HOST, other.id());

        ds.hosts().delete(host.id());

        assertThat(ds.hosts().find(host.id())).isEmpty();
        assertThat(ds.labels().listHosts(label, ListOptions.all())).map(Host::id).containsExactly(other.id());
        assertThat(ds.packs().listTargets(pack)).extracting(t -> t.targetId()).containsExactly(other.id());
    }

    @Test
    void expiryDeletesOnlyHostsUnseenSinceTheCutoff() {
        clock.set(T0.minus(Duration.ofDays(10)));
        Host old = enroll("old");
        clock.set(T0);
        Host recent = enroll("recent");
        long pack = ds.packs().create(NewPack.named("pack")).id();
        ds.packs().addTarget(pack, TargetType.HOST, old.id());

        assertThat(ds.hosts().deleteUnseenSince(T0.minus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(ds.hosts().list(ListOptions.all())).map(Host::id).containsExactly(recent.id());
        assertThat(ds.packs().listTargets(pack)).isEmpty();
    }

    @Test
    void incomingHostsThatNeverSentDetailsAreDeletedAfterTheGracePeriod() {
        clock.set(T0.minus(Duration.ofMinutes(10)));
        Host silent = enroll("silent");
        Host talked = enrollWithDetails("talked", "ubuntu");
        clock.set(T0.minus(Duration.ofMinutes(1)));
        Host justEnrolled = enroll("just-enrolled");

        assertThat(ds.hosts().deleteIncoming(T0.minus(Duration.ofMinutes(5)))).isEqualTo(1);

        assertThat(ds.hosts().list(ListOptions.all())).map(Host::id)
                .containsExactly(talked.id(), justEnrolled.id())
                .doesNotContain(silent.id());
    }

    @Test
    void searchMatchesHostnamesAddressesAndUuidsIgnoringCaseAndWildcards() {
        Host web1 = enrollWithDetails("web-01", "ubuntu");
        Host web2 = enrollWithDetails("WEB_02", "ubuntu");
        Host db = enrollWithDetails("db-01", "centos");
        HostInventory withIp = new HostInventory("db-01", "uuid-db-01", "centos", "", "4.5.1", "", "", "",
                Duration.ZERO, 0, "", "", "", 0, 0, "", "", "", "", "", "10.1.2.3", "AA:BB:CC:00:11:22");
        ds.hosts().saveInventory(db.id(), withIp, T0);

        // (order by hostname: MariaDB's collation ignores case, H2 does not)
        assertThat(ds.hosts().search("web", Set.of(), 10)).map(Host::id)
                .containsExactlyInAnyOrder(web1.id(), web2.id());
        assertThat(ds.hosts().search("_", Set.of(), 10)).map(Host::id).containsExactly(web2.id());
        assertThat(ds.hosts().search("10.1.2", Set.of(), 10)).map(Host::id).containsExactly(db.id());
        assertThat(ds.hosts().search("aa:bb", Set.of(), 10)).map(Host::id).containsExactly(db.id());
        assertThat(ds.hosts().search("web", Set.of(web1.id()), 10)).map(Host::id).containsExactly(web2.id());
        assertThat(ds.hosts().search("", Set.of(), 2)).hasSize(2);
    }

    @Test
    void targetsResolveToDistinctHostsDirectlyAndThroughLabels() {
        Instant now = T0.plusSeconds(5);
        Host a = enroll("a");
        Host b = enroll("b");
        Host c = enroll("c");
        enroll("d");
        ds.hosts().saveIntervals(a.id(), new HostIntervals(10, 10, 10));
        long label = ds.labels().create(NewLabel.manual("two hosts")).id();
        ds.labels().setManualMembers(label, List.of(b.id(), c.id()));

        assertThat(ds.hosts().resolveTargets(Set.of(a.id(), b.id()), Set.of(label)))
                .containsExactly(a.id(), b.id(), c.id());
        assertThat(ds.hosts().resolveTargets(Set.of(a.id(), 999L), Set.of())).containsExactly(a.id());
        assertThat(ds.hosts().resolveTargets(Set.of(), Set.of())).isEmpty();

        // a is online (window 40 s); b and c have unknown intervals (window 30 s): also online 5 s after enrolling
        assertThat(ds.hosts().targetMetrics(Set.of(a.id()), Set.of(label), now))
                .isEqualTo(new TargetMetrics(3, 3, 0, 0));
        assertThat(ds.hosts().targetMetrics(Set.of(a.id()), Set.of(label), T0.plusSeconds(35)))
                .isEqualTo(new TargetMetrics(3, 1, 2, 0));
        assertThat(ds.hosts().targetMetrics(Set.of(), Set.of(), now)).isEqualTo(new TargetMetrics(0, 0, 0, 0));
    }
}
