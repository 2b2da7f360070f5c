package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;

/**
 * Everything fleet is configured with, checked and typed; built once in {@code main} and handed down.
 * {@link #toString()} shows no secret (they are {@link Secret}s).
 */
public record FleetConfig(MysqlConfig mysql, RedisConfig redis, ServerConfig server, AuthConfig auth,
        SessionConfig session, OsqueryConfig osquery, LoggingConfig logging, DevConfig dev) {
    public FleetConfig {
        requireNonNull(mysql, "mysql is null");
        requireNonNull(redis, "redis is null");
        requireNonNull(server, "server is null");
        requireNonNull(auth, "auth is null");
        requireNonNull(session, "session is null");
        requireNonNull(osquery, "osquery is null");
        requireNonNull(logging, "logging is null");
        requireNonNull(dev, "dev is null");
    }

    /**
     * Checks {@code flags} and builds the configuration.
     *
     * @param random makes a throw-away JWT key with {@code --dev} when none is given
     * @throws ConfigException listing every problem, each naming its flag and environment variable
     */
    public static FleetConfig from(FleetFlags flags, SecureRandom random) {
        return new ConfigBuilder(requireNonNull(flags, "flags is null"), requireNonNull(random, "random is null"),
                true).build();
    }

    /**
     * As {@link #from}, for commands that do not serve ({@code prepare db}): the certificate
     * files need not exist yet and a missing JWT key is replaced by a throw-away one.
     */
    public static FleetConfig forTools(FleetFlags flags, SecureRandom random) {
        return new ConfigBuilder(requireNonNull(flags, "flags is null"), requireNonNull(random, "random is null"),
                false).build();
    }
}
