package dev.kolide.fleet.service.osquery.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.LabelMembershipType;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.service.osquery.testing.OsqueryDatabaseTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The snapshot is read in a fixed number of statements and answers packs and label queries from memory. */
class ConfigSnapshotsTest extends OsqueryDatabaseTestBase {

    private Host host(String name, String platform, Instant labelUpdatedAt) {
        Host host = ds.hosts().enroll(name, "key-" + name, "default");
        HostInventory empty = HostInventory.empty();
        ds.hosts().saveInventory(host.id(), new HostInventory(name, "", platform, "", "5.12.1", "", "", "",
                empty.uptime(), 0, "", "", "", 0, 0, "", "", "", "", "", "", ""), T0);
        ds.hosts().setLabelUpdatedAt(host.id(), labelUpdatedAt);
        return ds.hosts().find(host.id()).orElseThrow();
    }

    @Test
    void aReloadCostsFiveStatementsWhateverTheNumberOfHostsAndPacks() {
        for (int i = 0; i < 20; i++) {
            Host host = host("h" + i, "ubuntu", T0);
            Pack pack = ds.packs().create(NewPack.named("pack-" + i));
            ds.packs().addTarget(pack.id(), TargetType.HOST, host.id());
        }
        statements.reset();

        ConfigSnapshot snapshot = osquery.configSnapshots().reload();

        assertThat(statements.count()).isEqualTo(5);
        assertThat(statements.writes()).isEmpty();
        assertThat(snapshot.loadedAt()).isEqualTo(T0);
        statements.reset();
        assertThat(osquery.configSnapshots().current()).isSameAs(snapshot);
        assertThat(statements.count()).isZero();
    }

    @Test
    void labelQueriesAreThoseOfTheHostsPlatformAndOfAllPlatformsAllWhenStaleElseOnlyChangedOnes() {
        Label linux = ds.labels().create(new NewLabel("kernel 5", "", "select 1 from kernel_info;", "ubuntu",
                LabelMembershipType.DYNAMIC));
        ds.labels().create(NewLabel.manual("hand picked"));
        ConfigSnapshot snapshot = osquery.configSnapshots().reload();
        Host stale = host("stale", "ubuntu", Host.NEVER);
        Host fresh = host("fresh", "ubuntu", T0.minusSeconds(1));

        Map<Long, String> all = snapshot.labelQueriesFor(stale, T0.minus(Duration.ofHours(1)));
        assertThat(all.values()).containsExactlyInAnyOrder("select 1;",
                "select 1 from os_version where platform = 'ubuntu';", "select 1 from kernel_info;");

        assertThat(snapshot.labelQueriesFor(fresh, T0.minus(Duration.ofHours(1))))
                .as("only the label created after the host's last results")
                .containsOnlyKeys(linux.id());
        Host mac = host("mac", "darwin", Host.NEVER);
        assertThat(snapshot.labelQueriesFor(mac, T0.minus(Duration.ofHours(1))).values())
                .containsExactlyInAnyOrder("select 1;", "select 1 from os_version where platform = 'darwin';");
    }

    @Test
    void packsApplyThroughLabelsAndDirectTargetsInNameOrder() {
        Host host = host("h", "ubuntu", T0);
        Pack b = ds.packs().create(NewPack.named("b"));
        Pack a = ds.packs().create(NewPack.named("a"));
        ds.packs().create(NewPack.named("untargeted"));
        ds.packs().addTarget(b.id(), TargetType.LABEL, 42);
        ds.packs().addTarget(a.id(), TargetType.HOST, host.id());

        ConfigSnapshot snapshot = osquery.configSnapshots().reload();

        assertThat(snapshot.packsFor(host.id(), Set.of(42L))).extracting(p -> p.pack().name()).containsExactly("a", "b");
        assertThat(snapshot.packsFor(host.id(), Set.of())).extracting(p -> p.pack().name()).containsExactly("a");
        assertThat(snapshot.packsFor(999, Set.of(7L))).isEmpty();
    }
}
