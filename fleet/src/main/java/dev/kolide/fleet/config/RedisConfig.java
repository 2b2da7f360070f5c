package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

/** {@code redis.*}: live-query fan-out between fleet servers. An empty password means none. */
public record RedisConfig(HostPort address, Secret password, int database, boolean useTls) {
    public RedisConfig {
        requireNonNull(address, "address is null");
        requireNonNull(password, "password is null");
    }
}
