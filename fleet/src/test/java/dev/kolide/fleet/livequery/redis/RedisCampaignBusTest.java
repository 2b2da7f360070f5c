package dev.kolide.fleet.livequery.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.LiveQueryUnavailableException;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.livequery.NoWatcherRule;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two buses on one real Redis stand for two fleet servers. */
@Timeout(60)
class RedisCampaignBusTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private String prefix;
    private RedisCampaignBus serverA;
    private RedisCampaignBus serverB;

    @BeforeEach
    void open() {
        TestRedis.require();
        prefix = TestRedis.newPrefix();
        serverA = bus(TestRedis.uri());
        serverB = bus(TestRedis.uri());
    }

    private RedisCampaignBus bus(RedisURI uri) {
        return bus(uri, NoWatcherRule.disabled(Clock.systemUTC()));
    }

    private RedisCampaignBus bus(RedisURI uri, NoWatcherRule noWatcher) {
        return new RedisCampaignBus(new RedisCampaignBus.Settings(uri, prefix, Duration.ofSeconds(1), noWatcher));
    }

    @AfterEach
    void close() {
        if (serverA != null) {
            serverA.close();
            serverB.close();
            TestRedis.deleteKeys(prefix);
        }
    }

    private static LiveCampaign campaign(long id, Long... hosts) {
        return new LiveCampaign(id, "distributed_admin_" + id, "select " + id, Set.of(hosts), hosts.length, T0);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aCampaignStartedOnOneServerIsPendingForItsHostsOnTheOther() throws Exception {
        serverB.requireAvailable();

        serverA.start(campaign(7, 1L, 2L));

        eventually("server B knows campaign 7", () -> !serverB.pendingFor(1).isEmpty());
        assertThat(serverB.pendingFor(1)).containsExactly(Map.entry(7L, "select 7"));
        assertThat(serverB.pendingFor(2)).containsOnlyKeys(7L);
        assertThat(serverB.pendingFor(3)).isEmpty();
    }

    @Test
    void aResultPublishedOnOneServerReachesTheWatcherOnTheOtherAndTheHostIsNotAskedAgain() throws Exception {
        serverB.requireAvailable();
        serverA.start(campaign(8, 1L, 2L));
        eventually("server B knows campaign 8", () -> serverB.find(8).isPresent());
        LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
        CampaignBus.Subscription subscription = serverB.subscribe(8, watched::add);

        serverA.publish(new LiveResult(8, 1, List.of(Map.of("pid", "1")), null));

        LiveResult result = watched.poll(10, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(new LiveResult(8, 1, List.of(Map.of("pid", "1")), null));
        assertThat(serverA.pendingFor(1)).isEmpty();
        eventually("server B learns host 1 answered", () -> serverB.pendingFor(1).isEmpty());
        assertThat(serverB.answered(8)).containsExactly(1L);
        assertThat(serverB.pendingFor(2)).containsOnlyKeys(8L);
        subscription.close();
        assertThat(serverB.subscriptionCount()).isZero();
    }

    @Test
    void aFinishedCampaignIsGoneEverywhereAndItsLateResultsAreDropped() throws Exception {
        serverB.requireAvailable();
        serverA.start(campaign(9, 1L));
        eventually("server B knows campaign 9", () -> serverB.find(9).isPresent());
        LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
        serverB.subscribe(9, watched::add);

        serverA.finish(9);

        eventually("server B forgets campaign 9", () -> serverB.find(9).isEmpty());
        assertThat(serverB.pendingFor(1)).isEmpty();
        serverB.publish(new LiveResult(9, 1, List.of(), null));
        serverA.publish(new LiveResult(9, 1, List.of(), null));
        assertThat(watched.poll(500, TimeUnit.MILLISECONDS)).isNull();
        eventually("the campaign's keys are deleted", () -> TestRedis.keys(prefix).stream()
                .noneMatch(key -> key.contains("campaign:9")));
    }

    @Test
    void aServerThatWasNotListeningCatchesUpAtResync() {
        serverA.start(campaign(10, 4L, 5L));
        serverA.publish(new LiveResult(10, 4, List.of(), null));
        // serverB never connected, so it heard nothing; give the answer's write a moment to land.
        serverA.requireAvailable();

        serverB.resync();

        assertThat(serverB.pendingFor(5)).containsOnlyKeys(10L);
        assertThat(serverB.pendingFor(4)).as("host 4 already answered").isEmpty();
    }

    @Test
    void withRedisDownLiveQueriesFailFastWhileCheckInWorkNeitherWaitsNorFails() {
        try (RedisCampaignBus down = bus(RedisURI.builder().withHost("127.0.0.1").withPort(1)
                .withTimeout(Duration.ofSeconds(1)).build())) {
            long started = System.nanoTime();
            assertThatThrownBy(down::requireAvailable).isInstanceOf(LiveQueryUnavailableException.class)
                    .hasMessageContaining("live queries are unavailable").hasMessageContaining("127.0.0.1:1");
            assertThatThrownBy(() -> down.start(campaign(11, 1L))).isInstanceOf(LiveQueryUnavailableException.class);
            assertThatThrownBy(() -> down.subscribe(11, r -> { })).isInstanceOf(LiveQueryUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

            long checkIn = System.nanoTime();
            assertThat(down.pendingFor(1)).isEmpty();
            down.publish(new LiveResult(11, 1, List.of(), null));
            assertThat(Duration.ofNanos(System.nanoTime() - checkIn)).isLessThan(Duration.ofMillis(100));
        }
    }

    @Test
    void anAnswerNobodyReceivedWhileTheCampaignIsYoungIsHeldForTheFirstWatcherAndNotAskedForAgain()
            throws Exception {
        try (RedisCampaignBus hostSide = bus(TestRedis.uri(), NoWatcherRule.enabled(Clock.systemUTC()))) {
            serverB.requireAvailable();
            hostSide.start(new LiveCampaign(12, "distributed_admin_12", "select 12", Set.of(1L, 2L), 2,
                    Instant.now()));
            eventually("server B knows campaign 12", () -> serverB.find(12).isPresent());

            hostSide.publish(new LiveResult(12, 1, List.of(Map.of("n", "1")), null));
            eventually("server B learns host 1 answered", () -> serverB.answered(12).contains(1L));

            LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
            serverB.subscribe(12, watched::add);
            assertThat(watched.poll(10, TimeUnit.SECONDS)).isEqualTo(new LiveResult(12, 1, List.of(Map.of("n", "1")),
                    null));
            assertThat(hostSide.pendingFor(1)).as("host 1 is not asked again").isEmpty();
            assertThat(serverB.pendingFor(1)).isEmpty();
            assertThat(hostSide.pendingFor(2)).containsOnlyKeys(12L);
            assertThat(hostSide.abandoned(12)).isFalse();
        }
    }

    @Test
    void answersPublishedWhileTheWatcherSubscribesEachReachItExactlyOnce() throws Exception {
        int hosts = 2_000;
        Set<Long> all = new HashSet<>();
        for (long host = 1; host <= hosts; host++) {
            all.add(host);
        }
        try (RedisCampaignBus hostSide = bus(TestRedis.uri(), NoWatcherRule.enabled(Clock.systemUTC()))) {
            serverB.requireAvailable();
            hostSide.start(new LiveCampaign(15, "distributed_admin_15", "select 15", all, hosts, Instant.now()));
            eventually("server B knows campaign 15", () -> serverB.find(15).isPresent());
            Thread answering = new Thread(() -> {
                for (long host = 1; host <= hosts; host++) {
                    hostSide.publish(new LiveResult(15, host, List.of(), null));
                }
            });
            Map<Long, Integer> seen = new ConcurrentHashMap<>();
            answering.start();
            // the watcher arrives while the answers are being published: some held, some by the channel
            eventually("some answers published", () -> serverB.answered(15).size() > 50);
            serverB.subscribe(15, result -> seen.merge(result.hostId(), 1, Integer::sum));
            answering.join();

            eventually("every answer reached the watcher", () -> seen.size() == hosts);
            assertThat(seen.values()).as("each once").containsOnly(1);
            assertThat(hostSide.pendingFor(1)).isEmpty();
        }
    }

    @Test
    void anAnswerNobodyReceivedAfterTheGraceAbandonsTheCampaign() throws Exception {
        try (RedisCampaignBus hostSide = bus(TestRedis.uri(), NoWatcherRule.enabled(Clock.systemUTC()))) {
            hostSide.start(new LiveCampaign(13, "distributed_admin_13", "select 13", Set.of(1L, 2L), 2,
                    Instant.now().minusSeconds(6)));

            hostSide.publish(new LiveResult(13, 1, List.of(), null));

            eventually("campaign 13 is abandoned", () -> hostSide.abandoned(13));
            assertThat(hostSide.pendingFor(1)).isEmpty();
        }
    }

    @Test
    void anAnswerGivenBeforeAnyoneWatchedReachesTheFirstWatcherOnceEvenWhenTheHostAnswersAgain() throws Exception {
        try (RedisCampaignBus hostSide = bus(TestRedis.uri(), NoWatcherRule.enabled(Clock.systemUTC()))) {
            serverB.requireAvailable();
            hostSide.start(new LiveCampaign(14, "distributed_admin_14", "select 14", Set.of(1L, 2L), 2,
                    Instant.now()));
            eventually("server B knows campaign 14", () -> serverB.find(14).isPresent());
            hostSide.publish(new LiveResult(14, 1, List.of(Map.of("n", "first")), null));
            eventually("server B learns host 1 answered", () -> serverB.answered(14).contains(1L));

            LinkedBlockingQueue<LiveResult> watched = new LinkedBlockingQueue<>();
            serverB.subscribe(14, watched::add);
            // host 1 answers again (a distributed read raced its push, on another server); the watcher has it
            serverB.publish(new LiveResult(14, 1, List.of(Map.of("n", "second")), null));
            hostSide.publish(new LiveResult(14, 2, List.of(), null));

            assertThat(watched.poll(10, TimeUnit.SECONDS)).isEqualTo(
                    new LiveResult(14, 1, List.of(Map.of("n", "first")), null));
            assertThat(watched.poll(10, TimeUnit.SECONDS)).extracting(LiveResult::hostId).isEqualTo(2L);
            assertThat(watched.poll(300, TimeUnit.MILLISECONDS)).as("host 1 a second time").isNull();
        }
    }
}
