package dev.kolide.fleet.livequery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveCampaignsTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private final ActiveCampaigns campaigns = new ActiveCampaigns();

    private static LiveCampaign campaign(long id, Long... hosts) {
        return new LiveCampaign(id, "q" + id, "select " + id, Set.of(hosts), hosts.length, T0);
    }

    @Test
    void aHostIsPendingForEveryCampaignTargetingItUntilItAnswers() {
        campaigns.add(campaign(1, 10L, 11L), List.of());
        campaigns.add(campaign(2, 10L), List.of());

        assertThat(campaigns.pendingFor(10)).isEqualTo(Map.of(1L, "select 1", 2L, "select 2"));
        assertThat(campaigns.markAnswered(1, 10)).isTrue();
        assertThat(campaigns.pendingFor(10)).isEqualTo(Map.of(2L, "select 2"));
        assertThat(campaigns.pendingFor(11)).isEqualTo(Map.of(1L, "select 1"));
        assertThat(campaigns.pendingFor(12)).isEmpty();
        assertThat(campaigns.answered(1)).containsExactly(10L);
    }

    @Test
    void addingAgainKeepsAnswersAndAddsTheOnesGiven() {
        campaigns.add(campaign(1, 10L, 11L, 12L), List.of());
        campaigns.markAnswered(1, 10);

        campaigns.add(campaign(1, 10L, 11L, 12L), List.of(11L));

        assertThat(campaigns.answered(1)).containsExactlyInAnyOrder(10L, 11L);
        assertThat(campaigns.pendingFor(10)).isEmpty();
        assertThat(campaigns.pendingFor(11)).isEmpty();
        assertThat(campaigns.pendingFor(12)).containsOnlyKeys(1L);
    }

    @Test
    void aRemovedCampaignIsPendingNowhereAndTakesNoAnswers() {
        campaigns.add(campaign(1, 10L), List.of());

        assertThat(campaigns.remove(1)).isTrue();

        assertThat(campaigns.pendingFor(10)).isEmpty();
        assertThat(campaigns.markAnswered(1, 10)).isFalse();
        assertThat(campaigns.answered(1)).isEmpty();
        assertThat(campaigns.remove(1)).isFalse();
    }

    @Test
    void anAnswerTakenBackMakesTheHostPendingAgain() {
        campaigns.add(campaign(1, 10L), List.of());
        campaigns.markAnswered(1, 10);

        campaigns.unanswer(1, 10);

        assertThat(campaigns.pendingFor(10)).containsOnlyKeys(1L);
        assertThat(campaigns.answered(1)).isEmpty();
    }

    @Test
    void aCampaignFinishesWhenTheOnlineHostsAnsweredOrEveryTargetDid() {
        LiveCampaign twoOfThreeOnline = new LiveCampaign(1, "q", "s", Set.of(1L, 2L, 3L), 2, T0);
        LiveCampaign noneOnline = new LiveCampaign(2, "q", "s", Set.of(1L, 2L), 0, T0);

        assertThat(twoOfThreeOnline.answeredBy(1)).isFalse();
        assertThat(twoOfThreeOnline.answeredBy(2)).isTrue();
        assertThat(noneOnline.answeredBy(0)).as("waits for hosts that may come back").isFalse();
        assertThat(noneOnline.answeredBy(2)).isTrue();
    }
}
