package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.ConflictException;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.LabelMembershipType;
import dev.kolide.fleet.domain.LabelType;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelStoreTest extends DatastoreTestBase {
    private static final Duration LABEL_INTERVAL = Duration.ofHours(1);

    private long builtin(String name) {
        return ds.labels().findByName(name).orElseThrow().id();
    }

    @Test
    void builtInLabelsAreSeeded() {
        List<Label> labels = ds.labels().list(ListOptions.all());

        assertThat(labels).extracting(Label::name)
                .containsExactly("All Hosts", "macOS", "Ubuntu Linux", "CentOS Linux", "MS Windows");
        assertThat(labels).allSatisfy(label -> {
            assertThat(label.labelType()).isEqualTo(LabelType.BUILTIN);
            assertThat(label.membershipType()).isEqualTo(LabelMembershipType.DYNAMIC);
        });
        assertThat(labels.get(0).query()).isEqualTo("select 1;");
        assertThat(labels.get(0).platform()).isEmpty();
        assertThat(labels.get(1).query()).isEqualTo("select 1 from os_version where platform = 'darwin';");
        assertThat(labels.get(1).platform()).isEqualTo("darwin");
        assertThat(labels.get(4).platform()).isEqualTo("windows");
    }

    @Test
    void builtInLabelsCannotBeDeletedOrChanged() {
        long allHosts = builtin("All Hosts");

        assertThatThrownBy(() -> ds.labels().delete(allHosts))
                .isInstanceOf(ConflictException.class)
                .hasMessage("label \"All Hosts\" is built in and cannot be deleted");
        assertThatThrownBy(() -> ds.labels().deleteByName("macOS")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ds.labels().update(allHosts, NewLabel.dynamic("All Hosts", "select 0;")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ds.labels().upsert(NewLabel.dynamic("MS Windows", "select 0;")))
                .isInstanceOf(ConflictException.class);
        assertThat(ds.labels().find(allHosts).orElseThrow().query()).isEqualTo("select 1;");
    }

    @Test
    void aTakenLabelNameIsAlreadyExists() {
        ds.labels().create(NewLabel.dynamic("web servers", "select 1 from processes where name = 'nginx';"));

        assertThatThrownBy(() -> ds.labels().create(NewLabel.dynamic("web servers", "select 2;")))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("label \"web servers\" already exists");
        long other = ds.labels().create(NewLabel.manual("other")).id();
        assertThatThrownBy(() -> ds.labels().update(other, NewLabel.manual("web servers")))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void upsertCreatesThenReplacesByName() {
        Label created = ds.labels().upsert(NewLabel.dynamic("web", "select 1;"));
        clock.advance(Duration.ofMinutes(1));
        Label replaced = ds.labels().upsert(
                new NewLabel("web", "nginx hosts", "select 2;", "ubuntu", LabelMembershipType.DYNAMIC));

        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(replaced.query()).isEqualTo("select 2;");
        assertThat(replaced.platform()).isEqualTo("ubuntu");
        assertThat(replaced.description()).isEqualTo("nginx hosts");
        assertThat(replaced.createdAt()).isEqualTo(T0);
        assertThat(replaced.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aStaleHostGetsEveryDynamicLabelOfItsPlatformAndOfAllPlatforms() {
        long custom = ds.labels().create(NewLabel.dynamic("custom", "select 7;")).id();
        long ubuntuOnly = ds.labels().create(
                new NewLabel("ubuntu nginx", "", "select 8;", "ubuntu", LabelMembershipType.DYNAMIC)).id();
        ds.labels().create(new NewLabel("windows only", "", "select 9;", "windows", LabelMembershipType.DYNAMIC));
        ds.labels().create(NewLabel.manual("hand picked"));
        Host host = enrollWithDetails("web-01", "ubuntu");

        Map<Long, String> queries = ds.labels().queriesForHost(host, T0.minus(LABEL_INTERVAL));

        assertThat(queries).containsOnlyKeys(builtin("All Hosts"), builtin("Ubuntu Linux"), custom, ubuntuOnly);
        assertThat(queries).containsEntry(builtin("All Hosts"), "select 1;").containsEntry(custom, "select 7;");
    }

    @Test
    void aHostWithoutPlatformYetGetsOnlyAllPlatformLabels() {
        Host host = enroll("just-enrolled");

        assertThat(ds.labels().queriesForHost(host, T0.minus(LABEL_INTERVAL))).containsOnlyKeys(builtin("All Hosts"));
    }

    @Test
    void aFreshHostGetsOnlyLabelsChangedSinceItsLastResults() {
        Host host = enrollWithDetails("web-01", "ubuntu");
        clock.advance(Duration.ofMinutes(1));
        ds.labels().recordResults(host.id(), Map.of(builtin("All Hosts"), true), clock.instant());
        host = ds.hosts().find(host.id()).orElseThrow();
        Instant staleBefore = clock.instant().minus(LABEL_INTERVAL);

        assertThat(ds.labels().queriesForHost(host, staleBefore)).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        long created = ds.labels().create(NewLabel.dynamic("new label", "select 1 from users;")).id();
        assertThat(ds.labels().queriesForHost(host, staleBefore)).containsOnlyKeys(created);

        // an hour later the host is stale again and gets everything
        Instant later = clock.instant().plus(LABEL_INTERVAL).plusSeconds(1);
        assertThat(ds.labels().queriesForHost(host, later.minus(LABEL_INTERVAL)))
                .containsOnlyKeys(builtin("All Hosts"), builtin("Ubuntu Linux"), created);
    }

    @Test
    void recordingResultsUpsertsMembersDeletesNonMembersAndLeavesUnansweredLabels() {
        Host host = enrollWithDetails("web-01", "ubuntu");
        long a = ds.labels().create(NewLabel.dynamic("a", "select 1;")).id();
        long b = ds.labels().create(NewLabel.dynamic("b", "select 1;")).id();
        long c = ds.labels().create(NewLabel.dynamic("c", "select 1;")).id();
        Instant first = T0.plusSeconds(10);
        ds.labels().recordResults(host.id(), Map.of(a, true, b, true, c, true), first);

        Instant second = T0.plusSeconds(20);
        ds.labels().recordResults(host.id(), Map.of(a, true, b, false), second);

        assertThat(ds.labels().listForHost(host.id())).extracting(Label::id).containsExactly(a, c);
        assertThat(ds.hosts().find(host.id()).orElseThrow().labelUpdatedAt()).isEqualTo(second);
        assertThat(ds.labels().hostCounts()).containsOnly(entry(a, 1L), entry(c, 1L));
    }

    @Test
    void labelsOfManyHostsComeBackPerHostWithAnEntryForHostsWithoutLabels() {
        Host web = enroll("web");
        Host db = enroll("db");
        Host bare = enroll("bare");
        long a = ds.labels().create(NewLabel.dynamic("a", "select 1;")).id();
        long b = ds.labels().create(NewLabel.dynamic("b", "select 1;")).id();
        ds.labels().recordResults(web.id(), Map.of(a, true, b, true), T0);
        ds.labels().recordResults(db.id(), Map.of(b, true), T0);

        Map<Long, List<Label>> labels = ds.labels().listForHosts(List.of(bare.id(), db.id(), web.id(), 404L));

        assertThat(labels).containsOnlyKeys(web.id(), db.id(), bare.id(), 404L);
        assertThat(labels.get(web.id())).extracting(Label::id).containsExactly(a, b);
        assertThat(labels.get(db.id())).extracting(Label::id).containsExactly(b);
        assertThat(labels.get(bare.id())).isEmpty();
        assertThat(labels.get(404L)).isEmpty();
        assertThat(ds.labels().listForHosts(List.of())).isEmpty();
    }

    @Test
    void labelsOfMoreHostsThanOneStatementTakesAreAllFound() {
        long label = ds.labels().create(NewLabel.manual("many")).id();
        List<Long> hostIds = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            hostIds.add(enroll("h" + i).id());
        }
        ds.labels().setManualMembers(label, hostIds);

        Map<Long, List<Label>> labels = ds.labels().listForHosts(hostIds);

        assertThat(labels).hasSize(520);
        assertThat(labels.values()).allSatisfy(list -> assertThat(list).extracting(Label::id).containsExactly(label));
    }

    @Test
    void hostIdsOfALabelAreItsMembersAscending() {
        Host a = enroll("a");
        Host b = enroll("b");
        enroll("c");
        long label = ds.labels().create(NewLabel.manual("two")).id();
        ds.labels().setManualMembers(label, List.of(b.id(), a.id()));

        assertThat(ds.labels().listHostIds(label)).containsExactly(a.id(), b.id());
        assertThat(ds.labels().listHostIds(404)).isEmpty();
    }

    @Test
    void resultsForLabelsDeletedMeanwhileAreIgnored() {
        Host host = enroll("a");
        long kept = ds.labels().create(NewLabel.dynamic("kept", "select 1;")).id();
        long deleted = ds.labels().create(NewLabel.dynamic("deleted", "select 1;")).id();
        ds.labels().delete(deleted);

        ds.labels().recordResults(host.id(), Map.of(kept, true, deleted, true), T0);

        assertThat(ds.labels().listForHost(host.id())).extracting(Label::id).containsExactly(kept);
    }

    @Test
    void recordingResultsForAnUnknownHostIsNotFoundAndStoresNothing() {
        long label = ds.labels().create(NewLabel.dynamic("a", "select 1;")).id();

        assertThatThrownBy(() -> ds.labels().recordResults(404, Map.of(label, true), T0))
                .isInstanceOf(NotFoundException.class);
        assertThat(ds.labels().hostCounts()).isEmpty();
    }

    @Test
    void manualLabelsTakeAnExplicitHostListAndAreNeverSentToHosts() {
        Host a = enroll("a");
        Host b = enroll("b");
        Host c = enroll("c");
        long manual = ds.labels().create(NewLabel.manual("hand picked")).id();

        ds.labels().setManualMembers(manual, List.of(a.id(), b.id(), 999L));
        assertThat(ds.labels().listHosts(manual, ListOptions.all())).extracting(Host::id).containsExactly(a.id(), b.id());

        ds.labels().setManualMembers(manual, List.of(c.id()));
        assertThat(ds.labels().listHosts(manual, ListOptions.all())).extracting(Host::id).containsExactly(c.id());
        assertThat(ds.labels().queriesForHost(a, T0.plusSeconds(1))).doesNotContainKey(manual);

        long dynamic = ds.labels().create(NewLabel.dynamic("dynamic", "select 1;")).id();
        assertThatThrownBy(() -> ds.labels().setManualMembers(dynamic, List.of(a.id())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("dynamic");
    }

    @Test
    void deletingALabelDeletesItsMembershipsAndTheTargetsNamingIt() {
        Host host = enroll("a");
        long label = ds.labels().create(NewLabel.manual("doomed")).id();
        ds.labels().setManualMembers(label, List.of(host.id()));
        long pack = ds.packs().create(NewPack.named("pack")).id();
        ds.packs().addTarget(pack, TargetType.LABEL, label);

        ds.labels().deleteByName("doomed");

        assertThat(ds.labels().find(label)).isEmpty();
        assertThat(ds.labels().listForHost(host.id())).isEmpty();
        assertThat(ds.packs().listTargets(pack)).isEmpty();
        assertThatThrownBy(() -> ds.labels().delete(label)).isInstanceOf(NotFoundException.class)
                .hasMessage("label " + label + " not found");
    }

    @Test
    void searchFindsLabelsByNameExceptOmittedOnes() {
        long linux = ds.labels().create(NewLabel.dynamic("linux servers", "select 1;")).id();

        assertThat(ds.labels().search("LINUX", Set.of(), 10)).extracting(Label::name)
                .containsExactlyInAnyOrder("CentOS Linux", "Ubuntu Linux", "linux servers");
        assertThat(ds.labels().search("linux", Set.of(linux), 10)).extracting(Label::id).doesNotContain(linux);
    }
}
