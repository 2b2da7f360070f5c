package dev.kolide.fleet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostStatusTest {
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    private static Host host(Instant createdAt, Instant seen, int distributedInterval, int configTlsRefresh) {
        return new Host(1, "uuid-1", "key", "default", createdAt, createdAt, Host.NEVER, Host.NEVER, seen,
                HostInventory.empty(), new HostIntervals(distributedInterval, configTlsRefresh, 10), null);
    }

    @Test
    void hostSeenWithinItsIntervalPlusBufferIsOnline() {
        // window = min(10, 60) + 30 = 40 s
        Host host = host(NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(39), 10, 60);
        assertThat(HostStatus.of(host, NOW)).isEqualTo(HostStatus.ONLINE);
    }

    @Test
    void hostSeenExactlyAtTheEndOfTheWindowIsOffline() {
        Host host = host(NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(40), 10, 60);
        assertThat(HostStatus.of(host, NOW)).isEqualTo(HostStatus.OFFLINE);
    }

    @Test
    void windowUsesTheSmallerOfDistributedIntervalAndConfigRefresh() {
        Host host = host(NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(100), 600, 60);
        assertThat(HostStatus.onlineWindow(host.intervals())).isEqualTo(Duration.ofSeconds(90));
        assertThat(HostStatus.of(host, NOW)).isEqualTo(HostStatus.OFFLINE);
        assertThat(HostStatus.of(host, NOW.minusSeconds(20))).isEqualTo(HostStatus.ONLINE);
    }

    @Test
    void hostUnseenForThirtyDaysIsMissingInAction() {
        Host host = host(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(30)), 10, 10);
        assertThat(HostStatus.of(host, NOW)).isEqualTo(HostStatus.MIA);
        assertThat(HostStatus.of(host, NOW.minusSeconds(1))).isEqualTo(HostStatus.OFFLINE);
    }

    @Test
    void miaWinsEvenWhenTheIntervalsAreLongerThanThirtyDays() {
        int fortyDays = (int) Duration.ofDays(40).toSeconds();
        Host host = host(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(31)), fortyDays, fortyDays);
        assertThat(HostStatus.of(host, NOW)).isEqualTo(HostStatus.MIA);
    }

    @Test
    void hostsAreNewForTwentyFourHoursAfterEnrollingWhateverTheirStatus() {
        Host fresh = host(NOW.minus(Duration.ofHours(23)), NOW.minus(Duration.ofHours(23)), 10, 10);
        Host old = host(NOW.minus(Duration.ofHours(24)), NOW, 10, 10);
        assertThat(fresh.isNew(NOW)).isTrue();
        assertThat(fresh.status(NOW)).isEqualTo(HostStatus.OFFLINE);
        assertThat(old.isNew(NOW)).isFalse();
        assertThat(old.status(NOW)).isEqualTo(HostStatus.ONLINE);
    }

    @Test
    void valuesAreTheRestApiNames() {
        assertThat(HostStatus.fromValue("mia")).isEqualTo(HostStatus.MIA);
        assertThat(HostStatus.NEW.value()).isEqualTo("new");
        assertThatThrownBy(() -> HostStatus.fromValue("Online"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("online, offline, mia, new");
    }

    @Test
    void hostToStringLeavesOutTheNodeKey() {
        Host host = new Host(1, "uuid-1", "s3cret-node-key", "default", NOW, NOW, Host.NEVER, Host.NEVER, NOW,
                HostInventory.empty(), HostIntervals.unknown(), null);
        assertThat(host.toString()).doesNotContain("s3cret-node-key").contains("uuid-1");
    }
}
