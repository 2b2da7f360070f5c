package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code redis.*}: live-query fan-out between fleet servers. An empty password means none.
 *
 * @param keyPrefix put before every live-query key and channel, so that several fleets share one Redis
 */
public record RedisConfig(HostPort address, Secret password, int database, boolean useTls, String keyPrefix) {
    public static final String DEFAULT_KEY_PREFIX = "fleet:";

    public RedisConfig {
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(address, "address is null");
        requireNonNull(password, "password is null");
    }

    /** With the default key prefix. */
    public RedisConfig(HostPort address, Secret password, int database, boolean useTls) {
        this(address, password, database, useTls, DEFAULT_KEY_PREFIX);
    }
}
