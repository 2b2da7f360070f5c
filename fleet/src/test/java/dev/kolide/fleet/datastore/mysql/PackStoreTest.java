package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostPack;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewQuery;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.PackTarget;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.domain.TargetType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Queries, packs, their targets and schedules, and the packs that apply to a host. */
class PackStoreTest extends DatastoreTestBase {

    private Query saved(String name, String sql) {
        return ds.queries().create(new NewQuery(name, "", sql, true, null));
    }

    @Test
    void packsForAHostComeDirectlyAndThroughItsLabelsWithTheirScheduledQueries() {
        Host host = enrollWithDetails("web-01", "ubuntu");
        Host other = enrollWithDetails("db-01", "centos");
        long webLabel = ds.labels().create(NewLabel.dynamic("web", "select 1;")).id();
        ds.labels().recordResults(host.id(), Map.of(webLabel, true), T0);
        saved("processes", "select * from processes;");
        saved("users", "select * from users;");

        Pack viaLabel = ds.packs().create(NewPack.named("b-via-label"));
        ds.packs().addTarget(viaLabel.id(), TargetType.LABEL, webLabel);
        ds.scheduledQueries().create(new NewScheduledQuery(viaLabel.id(), "procs", "processes", "all processes",
                60, true, false, "linux", "4.0.0", 50));
        ds.scheduledQueries().create(NewScheduledQuery.of(viaLabel.id(), "users", 3600));
        Pack direct = ds.packs().create(NewPack.named("a-direct"));
        ds.packs().addTarget(direct.id(), TargetType.HOST, host.id());
        ds.scheduledQueries().create(NewScheduledQuery.of(direct.id(), "users", 300));
        Pack empty = ds.packs().create(NewPack.named("c-empty"));
        ds.packs().addTarget(empty.id(), TargetType.HOST, host.id());
        Pack both = ds.packs().create(NewPack.named("d-both-ways"));
        ds.packs().addTarget(both.id(), TargetType.HOST, host.id());
        ds.packs().addTarget(both.id(), TargetType.LABEL, webLabel);
        ds.scheduledQueries().create(NewScheduledQuery.of(both.id(), "users", 10));
        Pack disabled = ds.packs().create(new NewPack("e-disabled", "", "", true));
        ds.packs().addTarget(disabled.id(), TargetType.HOST, host.id());
        Pack otherHosts = ds.packs().create(NewPack.named("f-other"));
        ds.packs().addTarget(otherHosts.id(), TargetType.HOST, other.id());

        List<HostPack> packs = ds.packs().packsForHost(host.id());

        assertThat(packs).extracting(p -> p.pack().name())
                .containsExactly("a-direct", "b-via-label", "c-empty", "d-both-ways");
        HostPack labelPack = packs.get(1);
        assertThat(labelPack.queries()).extracting(ScheduledQuery::name).containsExactly("procs", "users");
        ScheduledQuery procs = labelPack.queries().get(0);
        assertThat(procs.query()).isEqualTo("select * from processes;");
        assertThat(procs.queryName()).isEqualTo("processes");
        assertThat(procs.interval()).isEqualTo(60);
        assertThat(procs.snapshot()).isTrue();
        assertThat(procs.removed()).isFalse();
        assertThat(procs.platform()).isEqualTo("linux");
        assertThat(procs.version()).isEqualTo("4.0.0");
        assertThat(procs.shard()).isEqualTo(50);
        ScheduledQuery users = labelPack.queries().get(1);
        assertThat(users.snapshot()).isNull();
        assertThat(users.removed()).isNull();
        assertThat(users.platform()).isNull();
        assertThat(users.version()).isNull();
        assertThat(users.shard()).isNull();
        assertThat(packs.get(2).queries()).isEmpty();
        assertThat(packs.get(3).queries()).hasSize(1);

        assertThat(ds.packs().packsForHost(other.id())).extracting(p -> p.pack().name()).containsExactly("f-other");
        assertThat(ds.packs().packsForHost(404)).isEmpty();
    }

    @Test
    void everyEnabledPackComesWithItsQueriesAndEveryTargetIsListedForConfigSnapshots() {
        Host host = enroll("a");
        long label = ds.labels().create(NewLabel.dynamic("web", "select 1;")).id();
        saved("users", "select * from users;");
        Pack second = ds.packs().create(NewPack.named("b-second"));
        ds.scheduledQueries().create(new NewScheduledQuery(second.id(), "u", "users", "", 60, true, null, "darwin",
                null, 10));
        Pack first = ds.packs().create(NewPack.named("a-first"));
        Pack disabled = ds.packs().create(new NewPack("c-disabled", "", "", true));
        ds.scheduledQueries().create(NewScheduledQuery.of(disabled.id(), "users", 60));
        ds.packs().addTarget(second.id(), TargetType.LABEL, label);
        ds.packs().addTarget(first.id(), TargetType.HOST, host.id());
        ds.packs().addTarget(first.id(), TargetType.LABEL, label);
        ds.packs().addTarget(disabled.id(), TargetType.HOST, host.id());

        List<HostPack> packs = ds.packs().listEnabledWithQueries();

        assertThat(packs).extracting(p -> p.pack().name()).containsExactly("a-first", "b-second");
        assertThat(packs.get(0).queries()).isEmpty();
        ScheduledQuery query = packs.get(1).queries().get(0);
        assertThat(query.name()).isEqualTo("u");
        assertThat(query.query()).isEqualTo("select * from users;");
        assertThat(query.snapshot()).isTrue();
        assertThat(query.platform()).isEqualTo("darwin");
        assertThat(query.shard()).isEqualTo(10);
        assertThat(ds.packs().listAllTargets())
                .extracting(PackTarget::packId, PackTarget::type, PackTarget::targetId)
                .containsExactly(
                        tuple(second.id(), TargetType.LABEL, label),
                        tuple(first.id(), TargetType.LABEL, label),
                        tuple(first.id(), TargetType.HOST, host.id()),
                        tuple(disabled.id(), TargetType.HOST, host.id()));
    }

    @Test
    void leavingALabelRemovesItsPacksFromTheHost() {
        Host host = enroll("a");
        long label = ds.labels().create(NewLabel.dynamic("web", "select 1;")).id();
        Pack pack = ds.packs().create(NewPack.named("web pack"));
        ds.packs().addTarget(pack.id(), TargetType.LABEL, label);
        ds.labels().recordResults(host.id(), Map.of(label, true), T0);
        assertThat(ds.packs().packsForHost(host.id())).hasSize(1);

        ds.labels().recordResults(host.id(), Map.of(label, false), T0.plusSeconds(1));

        assertThat(ds.packs().packsForHost(host.id())).isEmpty();
    }

    @Test
    void scheduledQueryNamesAreUniquePerPack() {
        saved("users", "select * from users;");
        long first = ds.packs().create(NewPack.named("first")).id();
        long second = ds.packs().create(NewPack.named("second")).id();
        ds.scheduledQueries().create(NewScheduledQuery.of(first, "users", 60));

        assertThatThrownBy(() -> ds.scheduledQueries().create(NewScheduledQuery.of(first, "users", 120)))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("scheduled query \"users\" already exists in pack " + first);
        assertThat(ds.scheduledQueries().create(NewScheduledQuery.of(second, "users", 120)).packId()).isEqualTo(second);
    }

    @Test
    void schedulingAnUnknownQueryOrInAnUnknownPackIsNotFound() {
        long pack = ds.packs().create(NewPack.named("pack")).id();
        saved("users", "select * from users;");

        assertThatThrownBy(() -> ds.scheduledQueries().create(NewScheduledQuery.of(pack, "nope", 60)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("query \"nope\" not found");
        assertThatThrownBy(() -> ds.scheduledQueries().create(NewScheduledQuery.of(404, "users", 60)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("pack 404 not found");
    }

    @Test
    void renamingAQueryFollowsThroughToItsScheduledQueriesAndDeletingItRemovesThem() {
        Query query = saved("users", "select * from users;");
        long pack = ds.packs().create(NewPack.named("pack")).id();
        long scheduled = ds.scheduledQueries().create(NewScheduledQuery.of(pack, "users", 60)).id();

        ds.queries().update(query.id(), new NewQuery("all users", "", "select uid from users;", true, null));

        ScheduledQuery renamed = ds.scheduledQueries().find(scheduled).orElseThrow();
        assertThat(renamed.queryName()).isEqualTo("all users");
        assertThat(renamed.query()).isEqualTo("select uid from users;");

        ds.queries().deleteByName("all users");
        assertThat(ds.scheduledQueries().listInPack(pack)).isEmpty();
    }

    @Test
    void replacingAPackScheduleIsAllOrNothing() {
        saved("users", "select * from users;");
        saved("processes", "select * from processes;");
        long pack = ds.packs().create(NewPack.named("pack")).id();
        ds.scheduledQueries().create(NewScheduledQuery.of(pack, "users", 60));

        List<ScheduledQuery> replaced = ds.scheduledQueries().replaceInPack(pack, List.of(
                NewScheduledQuery.of(pack, "processes", 30),
                new NewScheduledQuery(pack, "users-hourly", "users", "", 3600, null, null, null, null, null)));
        assertThat(replaced).extracting(ScheduledQuery::name).containsExactly("processes", "users-hourly");

        assertThatThrownBy(() -> ds.scheduledQueries().replaceInPack(pack, List.of(
                NewScheduledQuery.of(pack, "users", 30), NewScheduledQuery.of(pack, "missing", 30))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ds.scheduledQueries().replaceInPack(pack, List.of(
                NewScheduledQuery.of(pack, "users", 30), NewScheduledQuery.of(pack, "users", 60))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(ds.scheduledQueries().listInPack(pack)).extracting(ScheduledQuery::name)
                .containsExactly("processes", "users-hourly");
    }

    @Test
    void scheduledQueriesUpdateAndDelete() {
        saved("users", "select * from users;");
        long pack = ds.packs().create(NewPack.named("pack")).id();
        long id = ds.scheduledQueries().create(NewScheduledQuery.of(pack, "users", 60)).id();

        ScheduledQuery updated = ds.scheduledQueries().update(id,
                new NewScheduledQuery(pack, "users", "users", "now hourly", 3600, false, true, "darwin", null, 10));
        assertThat(updated.interval()).isEqualTo(3600);
        assertThat(updated.removed()).isTrue();
        assertThat(updated.shard()).isEqualTo(10);

        ds.scheduledQueries().delete(id);
        assertThat(ds.scheduledQueries().find(id)).isEmpty();
        assertThatThrownBy(() -> ds.scheduledQueries().delete(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void targetsAreAddedOnceAndCanBeReplaced() {
        long pack = ds.packs().create(NewPack.named("pack")).id();

        PackTarget first = ds.packs().addTarget(pack, TargetType.LABEL, 7);
        PackTarget again = ds.packs().addTarget(pack, TargetType.LABEL, 7);
        assertThat(again).isEqualTo(first);
        ds.packs().addTarget(pack, TargetType.HOST, 7);
        assertThat(ds.packs().listTargets(pack)).extracting(PackTarget::type)
                .containsExactly(TargetType.LABEL, TargetType.HOST);

        ds.packs().replaceTargets(pack, Set.of(1L, 2L), Set.of(3L));
        assertThat(ds.packs().listTargets(pack)).extracting(t -> t.type().value() + ":" + t.targetId())
                .containsExactly("label:1", "label:2", "host:3");
        ds.packs().removeTarget(pack, TargetType.LABEL, 1);
        assertThat(ds.packs().listTargets(pack)).hasSize(2);
        assertThatThrownBy(() -> ds.packs().addTarget(404, TargetType.HOST, 1)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void packNamesAreUniqueAndUpsertReplacesByName() {
        Pack pack = ds.packs().create(NewPack.named("pack"));
        assertThatThrownBy(() -> ds.packs().create(NewPack.named("pack")))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("pack \"pack\" already exists");

        Pack replaced = ds.packs().upsert(new NewPack("pack", "now disabled", "linux", true));
        assertThat(replaced.id()).isEqualTo(pack.id());
        assertThat(replaced.disabled()).isTrue();
        assertThat(replaced.platform()).isEqualTo("linux");

        ds.packs().delete(pack.id());
        assertThat(ds.packs().list(ListOptions.all())).isEmpty();
    }

    @Test
    void queriesHaveUniqueNamesAndOnlySavedOnesAreListed() {
        Query saved = saved("users", "select * from users;");
        ds.queries().create(new NewQuery("live-1", "", "select 1;", false, null));

        assertThatThrownBy(() -> saved("users", "select 2;"))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("query \"users\" already exists");
        assertThat(ds.queries().listSaved(ListOptions.all())).extracting(Query::name).containsExactly("users");

        Query upserted = ds.queries().upsert(new NewQuery("users", "every user", "select uid from users;", true, null));
        assertThat(upserted.id()).isEqualTo(saved.id());
        assertThat(upserted.description()).isEqualTo("every user");
        assertThat(ds.queries().findByName("live-1")).map(Query::saved).contains(false);

        assertThat(ds.queries().deleteAll(List.of(saved.id(), 999L))).isEqualTo(1);
        assertThat(ds.queries().find(saved.id())).isEmpty();
    }
}
