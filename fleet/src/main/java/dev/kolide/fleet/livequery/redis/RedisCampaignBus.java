package dev.kolide.fleet.livequery.redis;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.livequery.ActiveCampaigns;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveCampaign;
import dev.kolide.fleet.livequery.LiveQueryUnavailableException;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.OncePerHost;
import dev.kolide.kit.run.Actor;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus between fleet servers, on Redis through Lettuce (one thread-safe command connection and one pub/sub
 * connection, both asynchronous and reconnecting on their own).
 *
 * <p>Keys, under the prefix: {@code campaigns} (set of running ids), {@code campaign:<id>} (the campaign as
 * JSON), {@code campaign:<id>:answered} (set of host ids), each expiring after {@value #EXPIRY_DAYS} days as in
 * Kolide, and {@code unwatched:<id>} (answers given before anyone watched, held for the first watcher for twice the
 * {@link NoWatcherRule} grace). Channels: {@code control} ({@code started:<id>}, {@code finished:<id>},
 * {@code answered:<id>:<host>}) and {@code results:<id>} (result JSON).
 *
 * <p>Each server keeps the running campaigns in an {@link ActiveCampaigns} index, fed by the control channel
 * and by {@link #resync()} every few seconds (for what a reconnect missed). A check-in therefore never talks to
 * Redis to find its queries; an answer is sent without waiting, and while Redis is down it is dropped at once
 * (commands are rejected while disconnected, and time out after the command timeout otherwise).
 */
public final class RedisCampaignBus implements CampaignBus {
    static final int EXPIRY_DAYS = 7;
    /**
     * PUBLISH, and if nobody received it, RPUSH onto the held answers, in one atomic step: a watcher's SUBSCRIBE
     * then LRANGE sees every answer by one way or the other, never neither. KEYS[1] held list; ARGV channel,
     * message, hold (1/0), expiry seconds. Returns the receivers.
     */
    static final String PUBLISH_OR_HOLD = """
            local receivers = redis.call('PUBLISH', ARGV[1], ARGV[2])
            if receivers == 0 and ARGV[3] == '1' then
              redis.call('RPUSH', KEYS[1], ARGV[2])
              redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
            end
            return receivers
            """;
    private static final long EXPIRY_SECONDS = TimeUnit.DAYS.toSeconds(EXPIRY_DAYS);

    /**
     * @param keyPrefix put before every key and channel, so that several fleets (or tests) share a Redis
     * @param commandTimeout how long any Redis call may take, and the connect timeout
     */
    public record Settings(RedisURI uri, String keyPrefix, Duration commandTimeout, NoWatcherRule noWatcher) {
        public Settings {
            requireNonNull(noWatcher, "noWatcher is null");
            requireNonNull(uri, "uri is null");
            requireNonNull(keyPrefix, "keyPrefix is null");
            requireNonNull(commandTimeout, "commandTimeout is null");
        }
    }

    /** What a campaign looks like in Redis. */
    record Stored(long id, String queryName, String sql, List<Long> hostIds, long expected, long createdAtMillis) {
        static Stored of(LiveCampaign c) {
            return new Stored(c.id(), c.queryName(), c.sql(), List.copyOf(c.hostIds()), c.expected(),
                    c.createdAt().toEpochMilli());
        }

        LiveCampaign campaign() {
            return new LiveCampaign(id, queryName, sql, new HashSet<>(hostIds), expected,
                    Instant.ofEpochMilli(createdAtMillis));
        }
    }

    private record Connections(StatefulRedisConnection<String, String> commands,
            StatefulRedisPubSubConnection<String, String> pubsub) {}

    private final Logger log = LoggerFactory.getLogger(RedisCampaignBus.class);
    private final Settings settings;
    private final RedisClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final ActiveCampaigns campaigns = new ActiveCampaigns();
    private final Map<Long, List<Consumer<LiveResult>>> listeners = new ConcurrentHashMap<>();
    /** Messages are handled here, off Lettuce's event loop: listeners load hosts and write to sockets. */
    private final ExecutorService delivery;
    private volatile Connections connections;

    public RedisCampaignBus(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        this.client = RedisClient.create(settings.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
                .build());
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-query-redis-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    private String key(String name) {
        return settings.keyPrefix() + name;
    }

    private String campaignKey(long id) {
        return key("campaign:" + id);
    }

    /** Answers published while nobody watched, held for the first watcher (see {@link #PUBLISH_OR_HOLD}). */
    private String unwatchedKey(long id) {
        return key("unwatched:" + id);
    }

    private String answeredKey(long id) {
        return key("campaign:" + id + ":answered");
    }

    private String resultsChannel(long id) {
        return key("results:" + id);
    }

    private String controlChannel() {
        return key("control");
    }

    /** Connects on first need; Lettuce reconnects (and resubscribes) by itself after that. */
    private Connections connect() {
        Connections current = connections;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connections != null) {
                return connections;
            }
            StatefulRedisConnection<String, String> commands = null;
            try {
                commands = client.connect();
                StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
                pubsub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        delivery.execute(() -> onMessage(channel, message));
                    }
                });
                pubsub.sync().subscribe(controlChannel());
                connections = new Connections(commands, pubsub);
                log.info("live-query bus connected to Redis at {}:{}", settings.uri().getHost(),
                        settings.uri().getPort());
                return connections;
            } catch (RedisException e) {
                if (commands != null) {
                    commands.closeAsync();
                }
                throw unavailable("connecting to Redis", e);
            }
        }
    }

    private LiveQueryUnavailableException unavailable(String doing, RuntimeException e) {
        return new LiveQueryUnavailableException("live queries are unavailable: " + doing + " at "
                + settings.uri().getHost() + ":" + settings.uri().getPort() + " failed (" + e.getMessage() + ")", e);
    }

    @Override
    public void onCampaignStarted(Consumer<LiveCampaign> listener) {
        campaigns.onAdded(listener);
    }

    @Override
    public void onAskedAgain(BiConsumer<LiveCampaign, Long> listener) {
        campaigns.onAskedAgain(listener);
    }

    @Override
    public void requireAvailable() {
        Connections c = connect();
        try {
            c.commands().sync().ping();
        } catch (RedisException e) {
            throw unavailable("pinging Redis", e);
        }
    }

    @Override
    public void start(LiveCampaign campaign) {
        requireNonNull(campaign, "campaign is null");
        RedisCommands<String, String> redis = connect().commands().sync();
        try {
            redis.set(campaignKey(campaign.id()), encode(Stored.of(campaign)), SetArgs.Builder.ex(EXPIRY_SECONDS));
            redis.sadd(key("campaigns"), Long.toString(campaign.id()));
            campaigns.add(campaign, List.of());
            redis.publish(controlChannel(), "started:" + campaign.id());
        } catch (RedisException e) {
            throw unavailable("starting campaign " + campaign.id(), e);
        }
    }

    @Override
    public Map<Long, String> pendingFor(long hostId) {
        return campaigns.pendingFor(hostId);
    }

    @Override
    public void publish(LiveResult result) {
        requireNonNull(result, "result is null");
        if (!campaigns.markAnswered(result.campaignId(), result.hostId())) {
            return;
        }
        Connections c = connections;
        if (c == null) {
            log.warn("dropping a result of campaign {}: not connected to Redis", result.campaignId());
            return;
        }
        // Fire and forget: the host's check-in must not wait for Redis.
        RedisAsyncCommands<String, String> redis = c.commands().async();
        String answered = answeredKey(result.campaignId());
        redis.sadd(answered, Long.toString(result.hostId()));
        redis.expire(answered, EXPIRY_SECONDS);
        redis.publish(controlChannel(), "answered:" + result.campaignId() + ":" + result.hostId());
        Optional<LiveCampaign> campaign = campaigns.find(result.campaignId());
        // Decided before sending: the script holds the answer only if PUBLISH reached nobody.
        boolean hold = campaign.isPresent()
                && settings.noWatcher().apply(campaign.get(), 0) == NoWatcherRule.Outcome.HOLD;
        String[] keys = {unwatchedKey(result.campaignId())};
        redis.<Long>eval(PUBLISH_OR_HOLD, ScriptOutputType.INTEGER, keys, resultsChannel(result.campaignId()),
                encode(result), hold ? "1" : "0", Long.toString(NoWatcherRule.GRACE.toSeconds() * 2))
                .whenComplete((receivers, error) -> {
                    if (error != null) {
                        log.warn("publishing a result of campaign {} failed: {}", result.campaignId(),
                                error.toString());
                    } else if (campaign.isPresent() && abandons(campaign.get(), receivers)) {
                        campaigns.abandon(result.campaignId());
                    }
                });
    }

    private boolean abandons(LiveCampaign campaign, long receivers) {
        return settings.noWatcher().apply(campaign, receivers) == NoWatcherRule.Outcome.ABANDON;
    }

    @Override
    public Subscription subscribe(long campaignId, Consumer<LiveResult> listener) {
        requireNonNull(listener, "listener is null");
        Connections c = connect();
        Consumer<LiveResult> once = new OncePerHost(listener);
        List<Consumer<LiveResult>> list = listeners.computeIfAbsent(campaignId, id -> new CopyOnWriteArrayList<>());
        List<String> held;
        try {
            // A second watcher here waits for the first one's SUBSCRIBE: its LRANGE must come after it too.
            synchronized (list) {
                boolean first = list.isEmpty();
                list.add(once);
                if (first) {
                    c.pubsub().sync().subscribe(resultsChannel(campaignId));
                }
            }
            // After SUBSCRIBE: what was published before it was held, what comes after arrives by the channel.
            held = c.commands().sync().lrange(unwatchedKey(campaignId), 0, -1);
        } catch (RedisException e) {
            remove(campaignId, once);
            throw unavailable("subscribing to campaign " + campaignId, e);
        }
        for (String answer : held) {
            try {
                once.accept(json.readValue(answer, LiveResult.class));
            } catch (JsonProcessingException e) {
                log.warn("reading a held answer of campaign {} failed", campaignId, e);
            }
        }
        return () -> remove(campaignId, once);
    }

    private void remove(long campaignId, Consumer<LiveResult> listener) {
        List<Consumer<LiveResult>> list = listeners.get(campaignId);
        if (list == null) {
            return;
        }
        synchronized (list) {
            if (!list.remove(listener) || !list.isEmpty()) {
                return;
            }
            listeners.remove(campaignId);
        }
        Connections c = connections;
        if (c != null) {
            c.pubsub().async().unsubscribe(resultsChannel(campaignId));
        }
    }

    /** How many subscriptions are open here, over all campaigns (for tests of clean-up). */
    public int subscriptionCount() {
        return listeners.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public Set<Long> answered(long campaignId) {
        return campaigns.answered(campaignId);
    }

    @Override
    public boolean abandoned(long campaignId) {
        return campaigns.abandoned(campaignId);
    }

    @Override
    public void finish(long campaignId) {
        campaigns.remove(campaignId);
        Connections c = connections;
        if (c == null) {
            return;
        }
        RedisAsyncCommands<String, String> redis = c.commands().async();
        redis.del(campaignKey(campaignId), answeredKey(campaignId), unwatchedKey(campaignId));
        redis.srem(key("campaigns"), Long.toString(campaignId));
        redis.publish(controlChannel(), "finished:" + campaignId);
    }

    @Override
    public Optional<LiveCampaign> find(long campaignId) {
        return campaigns.find(campaignId);
    }

    @Override
    public Collection<LiveCampaign> active() {
        return campaigns.all();
    }

    private void onMessage(String channel, String message) {
        try {
            if (channel.equals(controlChannel())) {
                onControl(message);
            } else if (channel.startsWith(key("results:"))) {
                LiveResult result = json.readValue(message, LiveResult.class);
                for (Consumer<LiveResult> listener : listeners.getOrDefault(result.campaignId(), List.of())) {
                    listener.accept(result);
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("handling a live-query message on {} failed", channel, e);
        }
    }

    private void onControl(String message) {
        String[] parts = message.split(":");
        long id = Long.parseLong(parts[1]);
        switch (parts[0]) {
            case "started" -> load(id).ifPresent(campaign -> campaigns.add(campaign, List.of()));
            case "finished" -> campaigns.remove(id);
            case "answered" -> campaigns.markAnswered(id, Long.parseLong(parts[2]));
            default -> log.debug("ignoring control message {}", message);
        }
    }

    private Optional<LiveCampaign> load(long id) {
        String stored = connect().commands().sync().get(campaignKey(id));
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, Stored.class).campaign());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decoding campaign " + id + " from Redis", e);
        }
    }

    /**
     * Makes this server's index match Redis: adds what it missed, drops what finished. Costs 1 + 2 calls per
     * running campaign, every resync interval, on one thread, whatever the number of hosts.
     */
    public void resync() {
        RedisCommands<String, String> redis = connect().commands().sync();
        Set<Long> running = new HashSet<>();
        for (String member : redis.smembers(key("campaigns"))) {
            long id = Long.parseLong(member);
            Optional<LiveCampaign> campaign = load(id);
            if (campaign.isEmpty()) {
                redis.srem(key("campaigns"), member);
                continue;
            }
            running.add(id);
            List<Long> answered = new ArrayList<>();
            redis.smembers(answeredKey(id)).forEach(host -> answered.add(Long.parseLong(host)));
            campaigns.add(campaign.get(), answered);
        }
        for (long id : campaigns.ids()) {
            if (!running.contains(id)) {
                campaigns.remove(id);
            }
        }
    }

    /** An actor that resyncs every {@code interval}; a failure (Redis down) is logged and tried again. */
    public Actor resyncActor(Duration interval) {
        requireNonNull(interval, "interval is null");
        CountDownLatch stop = new CountDownLatch(1);
        return Actor.of(() -> {
            do {
                try {
                    resync();
                } catch (RuntimeException e) {
                    log.warn("resyncing live-query campaigns from Redis failed; trying again in {}: {}", interval,
                            e.getMessage());
                }
            } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
        }, cause -> stop.countDown());
    }

    private String encode(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encoding " + value.getClass().getSimpleName() + " for Redis", e);
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        Connections c = connections;
        if (c != null) {
            c.pubsub().close();
            c.commands().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
