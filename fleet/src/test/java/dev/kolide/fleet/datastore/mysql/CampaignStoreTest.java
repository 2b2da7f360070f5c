package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.CampaignStatus;
import dev.kolide.fleet.domain.CampaignTarget;
import dev.kolide.fleet.domain.DistributedQueryCampaign;
import dev.kolide.fleet.domain.NewQuery;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignStoreTest extends DatastoreTestBase {

    private long liveQuery(String name) {
        return ds.queries().create(new NewQuery(name, "", "select * from osquery_info;", false, null)).id();
    }

    @Test
    void aCampaignStartsWaitingWithItsTargets() {
        long query = liveQuery("live");

        DistributedQueryCampaign campaign = ds.campaigns().create(query, null, Set.of(3L, 4L), Set.of(9L));

        assertThat(campaign.status()).isEqualTo(CampaignStatus.WAITING);
        assertThat(campaign.queryId()).isEqualTo(query);
        assertThat(campaign.userId()).isNull();
        assertThat(ds.campaigns().listTargets(campaign.id()))
                .extracting(t -> t.type().value() + ":" + t.targetId())
                .containsExactly("label:9", "host:3", "host:4");
        assertThat(ds.campaigns().listTargets(campaign.id())).extracting(CampaignTarget::campaignId)
                .containsOnly(campaign.id());

        clock.advance(Duration.ofSeconds(3));
        DistributedQueryCampaign running = ds.campaigns().updateStatus(campaign.id(), CampaignStatus.RUNNING);
        assertThat(running.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(running.updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void staleCampaignsAreCompleted() {
        long query = liveQuery("live");
        long waitingLong = ds.campaigns().create(query, null, Set.of(1L), Set.of()).id();
        long runningLong = ds.campaigns().create(query, null, Set.of(1L), Set.of()).id();
        ds.campaigns().updateStatus(runningLong, CampaignStatus.RUNNING);
        clock.advance(Duration.ofHours(2));
        long waitingRecent = ds.campaigns().create(query, null, Set.of(1L), Set.of()).id();
        long runningRecent = ds.campaigns().create(query, null, Set.of(1L), Set.of()).id();
        ds.campaigns().updateStatus(runningRecent, CampaignStatus.RUNNING);

        int completed = ds.campaigns().completeStale(clock.instant().minus(Duration.ofMinutes(1)),
                clock.instant().minus(Duration.ofHours(24)));

        assertThat(completed).isEqualTo(1);
        assertThat(ds.campaigns().find(waitingLong).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETE);
        assertThat(ds.campaigns().find(runningLong).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(ds.campaigns().find(waitingRecent).orElseThrow().status()).isEqualTo(CampaignStatus.WAITING);
    }

    @Test
    void aCampaignNeedsAnExistingQuery() {
        assertThatThrownBy(() -> ds.campaigns().create(404, null, Set.of(1L), Set.of()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("query 404 not found");
        assertThatThrownBy(() -> ds.campaigns().updateStatus(404, CampaignStatus.COMPLETE))
                .isInstanceOf(NotFoundException.class);
    }
}
