package dev.kolide.fleet.service.osquery.cache;

import dev.kolide.kit.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostAuthCacheTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final HostAuthCache cache = new HostAuthCache(clock, Duration.ofSeconds(60), 100);

    private static AuthenticatedHost host(long id, String nodeKey) {
        return new AuthenticatedHost(new Host(id, "uuid-" + id, nodeKey, "default", T0, T0, Host.NEVER, Host.NEVER,
                T0, HostInventory.empty(), HostIntervals.unknown(), null), Set.of(1L));
    }

    @Test
    void aCachedHostIsServedUntilItsTtlRunsOut() {
        cache.put("key-1", host(1, "key-1"), cache.stamp());

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("key-1")).map(AuthenticatedHost::id).contains(1L);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("key-1")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void evictingAHostForgetsItsKeyAtOnce() {
        cache.put("key-1", host(1, "key-1"), cache.stamp());
        cache.put("key-2", host(2, "key-2"), cache.stamp());

        cache.evict(1);

        assertThat(cache.get("key-1")).isEmpty();
        assertThat(cache.get("key-2")).isPresent();
    }

    @Test
    void aLoadThatRacedWithAnEvictionIsNotCached() {
        long stamp = cache.stamp();
        // the host is read from the database ... and deleted (on this node) before the read returns
        cache.evict(1);

        assertThat(cache.put("key-1", host(1, "key-1"), stamp)).isFalse();
        assertThat(cache.get("key-1")).isEmpty();
        assertThat(cache.put("key-1", host(1, "key-1"), cache.stamp())).isTrue();
    }

    @Test
    void aNewKeyForTheSameHostDropsTheOldOne() {
        cache.put("old-key", host(1, "old-key"), cache.stamp());

        cache.put("new-key", host(1, "new-key"), cache.stamp());

        assertThat(cache.get("old-key")).isEmpty();
        assertThat(cache.get("new-key")).isPresent();
    }

    @Test
    void updatesReplaceTheHostButKeepItsExpiry() {
        cache.put("key-1", host(1, "key-1"), cache.stamp());
        clock.advance(Duration.ofSeconds(30));

        cache.update(1, cached -> new AuthenticatedHost(cached.host(), Set.of(1L, 7L)));

        assertThat(cache.get("key-1")).map(AuthenticatedHost::labelIds).contains(Set.of(1L, 7L));
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get("key-1")).isEmpty();
    }

    @Test
    void updatingAHostThatIsNotCachedDoesNothing() {
        cache.update(9, cached -> {
            throw new AssertionError("not cached, not called");
        });

        assertThat(cache.size()).isZero();
    }

    @Test
    void labelQueryTimesAreRememberedPerHostSurviveUpdatesAndAreTakenOnce() {
        cache.put("key-1", host(1, "key-1"), cache.stamp());
        assertThat(cache.takeLabelQueriesAsOf(1)).isEmpty();

        cache.labelQueriesHandedOut(1, T0.minusSeconds(3));
        cache.update(1, cached -> cached);

        assertThat(cache.takeLabelQueriesAsOf(2)).isEmpty();
        assertThat(cache.takeLabelQueriesAsOf(1)).contains(T0.minusSeconds(3));
        assertThat(cache.takeLabelQueriesAsOf(1)).isEmpty();
        assertThat(cache.get("key-1")).isPresent();
    }

    @Test
    void aFullCacheDropsExpiredEntriesThenATenthOfTheRest() {
        HostAuthCache small = new HostAuthCache(clock, Duration.ofSeconds(60), 10);
        for (int i = 0; i < 5; i++) {
            small.put("stale-" + i, host(i, "stale-" + i), small.stamp());
        }
        clock.advance(Duration.ofSeconds(61));
        for (int i = 5; i < 10; i++) {
            small.put("fresh-" + i, host(i, "fresh-" + i), small.stamp());
        }

        small.put("one-more", host(10, "one-more"), small.stamp());
        assertThat(small.size()).as("expired entries made room").isEqualTo(6);

        for (int i = 11; i < 15; i++) {
            small.put("more-" + i, host(i, "more-" + i), small.stamp());
        }
        assertThat(small.size()).isEqualTo(10);
        small.put("overflow", host(15, "overflow"), small.stamp());
        assertThat(small.size()).as("a tenth dropped, the new one in").isEqualTo(10);
        assertThat(small.get("overflow")).isPresent();
    }

    @Test
    void aZeroTtlOrSizeIsRefused() {
        assertThatThrownBy(() -> new HostAuthCache(clock, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAuthCache(clock, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
