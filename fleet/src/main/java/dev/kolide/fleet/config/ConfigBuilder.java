package dev.kolide.fleet.config;

import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.kit.tls.TlsProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Checks {@link FleetFlags} and builds {@link FleetConfig}, gathering every problem before giving up. */
final class ConfigBuilder {
    /** Session and node keys are bearer credentials: 128 bits at least, so that they cannot be guessed. */
    static final int MIN_KEY_BYTES = 16;
    /** Random bytes in a made-up --dev JWT key. */
    private static final int DEV_JWT_KEY_BYTES = 32;
    private static final String GENERATE_KEY = "generate one with: openssl rand -base64 32";

    private final FleetFlags flags;
    private final SecureRandom random;
    private final boolean serving;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param serving whether the configuration will serve requests: only then must the certificate files be
     *     readable and a JWT key be given ({@code prepare db} and {@code config_dump} need neither)
     */
    ConfigBuilder(FleetFlags flags, SecureRandom random, boolean serving) {
        this.flags = flags;
        this.random = random;
        this.serving = serving;
    }

    FleetConfig build() {
        MysqlConfig mysql = new MysqlConfig(
                address("mysql_address", flags.mysqlAddress),
                flags.mysqlUsername,
                new Secret(flags.mysqlPassword),
                flags.mysqlDatabase,
                atLeast("mysql_max_open_conns", flags.mysqlMaxOpenConns, 1),
                atLeast("mysql_max_idle_conns", flags.mysqlMaxIdleConns, 0),
                notNegative("mysql_conn_max_lifetime", flags.mysqlConnMaxLifetime));
        RedisConfig redis = new RedisConfig(
                address("redis_address", flags.redisAddress),
                new Secret(flags.redisPassword),
                atLeast("redis_database", flags.redisDatabase, 0),
                flags.redisUseTls,
                flags.redisKeyPrefix);
        ServerConfig server = new ServerConfig(
                address("server_address", flags.serverAddress),
                path("server_cert", flags.serverCert),
                path("server_key", flags.serverKey),
                flags.serverTls,
                parse("server_tls_compatibility", flags.serverTlsCompatibility, TlsProfile::parse, TlsProfile.MODERN),
                urlPrefix(flags.serverUrlPrefix));
        if (serving && server.tls() && !flags.dev) {
            readable("server_cert", server.cert());
            readable("server_key", server.key());
        }
        AuthConfig auth = new AuthConfig(
                jwtKey(),
                between("auth_bcrypt_cost", flags.authBcryptCost, PasswordHasher.MIN_COST, PasswordHasher.MAX_COST),
                atLeast("auth_salt_key_size", flags.authSaltKeySize, 0));
        SessionConfig session = new SessionConfig(
                atLeast("session_key_size", flags.sessionKeySize, MIN_KEY_BYTES),
                positive("session_duration", flags.sessionDuration));
        OsqueryConfig osquery = new OsqueryConfig(
                atLeast("osquery_node_key_size", flags.osqueryNodeKeySize, MIN_KEY_BYTES),
                parse("osquery_status_log_plugin", flags.osqueryStatusLogPlugin, LogPlugin::parse,
                        LogPlugin.FILESYSTEM),
                parse("osquery_result_log_plugin", flags.osqueryResultLogPlugin, LogPlugin::parse,
                        LogPlugin.FILESYSTEM),
                path("osquery_status_log_file", flags.osqueryStatusLogFile),
                path("osquery_result_log_file", flags.osqueryResultLogFile),
                flags.osqueryEnableLogRotation,
                positive("osquery_label_update_interval", flags.osqueryLabelUpdateInterval),
                positive("osquery_detail_update_interval", flags.osqueryDetailUpdateInterval),
                flags.osqueryLogLiveQueryResults);
        LoggingConfig logging = new LoggingConfig(flags.loggingDebug, flags.loggingJson);
        DevConfig dev = new DevConfig(flags.dev, path("dev_data_dir", flags.devDataDir));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new FleetConfig(mysql, redis, server, auth, session, osquery, logging, dev);
    }

    private Secret jwtKey() {
        String key = flags.authJwtKey;
        if (key.isEmpty()) {
            if (flags.dev || !serving) {
                byte[] bytes = new byte[DEV_JWT_KEY_BYTES];
                random.nextBytes(bytes);
                return new Secret(Base64.getEncoder().encodeToString(bytes));
            }
            problems.add(flag("auth_jwt_key") + " is required: it signs users' session tokens; " + GENERATE_KEY);
            return new Secret("");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < SessionTokens.MIN_JWT_KEY_BYTES) {
            problems.add(flag("auth_jwt_key") + " is " + bytes + " bytes long; HS256 session tokens need at least "
                    + SessionTokens.MIN_JWT_KEY_BYTES + "; " + GENERATE_KEY);
        }
        return new Secret(key);
    }

    private HostPort address(String name, String value) {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(flag(name) + ": " + e.getMessage());
            return new HostPort("invalid", 1);
        }
    }

    private Path path(String name, String value) {
        if (value.isBlank()) {
            problems.add(flag(name) + " is empty");
            return Path.of("");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(flag(name) + ": \"" + value + "\" is not a file name: " + e.getReason());
            return Path.of("");
        }
    }

    private void readable(String name, Path file) {
        if (file.toString().isEmpty()) {
            return; // already reported
        }
        if (!Files.isRegularFile(file)) {
            problems.add(flag(name) + ": " + file.toAbsolutePath() + " does not exist or is not a file; "
                    + "set the file, or --server_tls=false to serve plain HTTP behind a TLS-terminating proxy");
        } else if (!Files.isReadable(file)) {
            problems.add(flag(name) + ": " + file.toAbsolutePath() + " cannot be read by this user");
        }
    }

    private String urlPrefix(String value) {
        String prefix = value.strip();
        if (prefix.isEmpty()) {
            return "";
        }
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")
                || !prefix.matches("[A-Za-z0-9/._~!$&'()*+,;=:@%-]+")) {
            problems.add(flag("server_url_prefix") + ": \"" + value
                    + "\" is not a URL path prefix such as /fleet (a leading slash, no trailing slash)");
        }
        return prefix;
    }

    private <T> T parse(String name, String value, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(flag(name) + ": " + e.getMessage());
            return fallback;
        }
    }

    private int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            problems.add(flag(name) + " must be at least " + minimum + ", not " + value);
        }
        return value;
    }

    private int between(String name, int value, int minimum, int maximum) {
        if (value < minimum || value > maximum) {
            problems.add(flag(name) + " must be between " + minimum + " and " + maximum + ", not " + value);
        }
        return value;
    }

    private Duration notNegative(String name, Duration value) {
        if (value.isNegative()) {
            problems.add(flag(name) + " must not be negative");
        }
        return value;
    }

    private Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(flag(name) + " must be longer than 0s");
        }
        return value;
    }

    /** {@code --name (KOLIDE_NAME)}: both ways a user may have set it. */
    static String flag(String name) {
        return "--" + name + " (KOLIDE_" + name.toUpperCase(Locale.ROOT) + ")";
    }
}
