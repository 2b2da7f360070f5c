package dev.kolide.cmd.fleet;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.config.FleetConfig;
import dev.kolide.fleet.config.RedisConfig;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.inprocess.InProcessCampaignBus;
import dev.kolide.fleet.livequery.redis.RedisCampaignBus;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;

/** Picks the live-query bus: in-process under {@code --dev}, Redis otherwise. */
final class LiveQueryBuses {
    /** Every Redis call and connect gives up after this: an API call fails fast with 503 while Redis is away. */
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    /** How often each server reloads the running campaigns from Redis, for what a reconnect missed. */
    static final Duration RESYNC_INTERVAL = Duration.ofSeconds(10);

    private LiveQueryBuses() {}

    static CampaignBus open(FleetConfig config, Clock clock) {
        requireNonNull(config, "config is null");
        // With live results going to the result log, an answer nobody watches is still consumed.
        NoWatcherRule noWatcher = config.osquery().logLiveQueryResults() ? NoWatcherRule.disabled(clock)
                : NoWatcherRule.enabled(clock);
        if (config.dev().enabled()) {
            return new InProcessCampaignBus(noWatcher);
        }
        RedisConfig redis = config.redis();
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(redis.address().host())
                .withPort(redis.address().port())
                .withDatabase(redis.database())
                .withSsl(redis.useTls())
                .withTimeout(REDIS_TIMEOUT);
        if (!redis.password().isEmpty()) {
            uri.withPassword(redis.password().reveal().toCharArray());
        }
        // Not connected yet: fleet starts, and serves check-ins, with Redis down.
        return new RedisCampaignBus(new RedisCampaignBus.Settings(uri.build(), redis.keyPrefix(), REDIS_TIMEOUT,
                noWatcher));
    }
}
