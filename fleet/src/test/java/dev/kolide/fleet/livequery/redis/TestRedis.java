package dev.kolide.fleet.livequery.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The test Redis on 127.0.0.1:6379 (or FLEET_TEST_REDIS_ADDRESS host:port). Unreachable, its tests are skipped,
 * unless CI is set: then they fail. Each test takes a key prefix of its own and deletes its keys afterwards.
 */
public final class TestRedis {

    private TestRedis() {}

    static RedisURI uri() {
        String address = System.getenv("FLEET_TEST_REDIS_ADDRESS");
        String[] hostPort = (address == null || address.isBlank() ? "127.0.0.1:6379" : address).split(":");
        return RedisURI.builder().withHost(hostPort[0]).withPort(Integer.parseInt(hostPort[1]))
                .withTimeout(Duration.ofSeconds(2)).build();
    }

    /** Checks that Redis answers; fails under CI, skips otherwise. */
    static void require() {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RedisException e) {
            String why = "Redis on " + uri().getHost() + ":" + uri().getPort() + " is unreachable (" + e.getMessage()
                    + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why + " and CI is set: the Redis tests must run", e);
            }
            Assumptions.abort(why + "; skipping the Redis tests (set CI to make this a failure)");
        } finally {
            client.shutdown();
        }
    }

    static String newPrefix() {
        return "fleet-test-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + ":";
    }

    /** Deletes every key under {@code prefix}. */
    static void deleteKeys(String prefix) {
        deleteKeys(uri(), prefix);
    }

    /** Deletes every key under {@code prefix} in the Redis at {@code uri} (the benchmarks' clean-up too). */
    public static void deleteKeys(RedisURI uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    static List<String> keys(String prefix) {
        RedisClient client = RedisClient.create(uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(prefix + "*");
        } finally {
            client.shutdown();
        }
    }
}
