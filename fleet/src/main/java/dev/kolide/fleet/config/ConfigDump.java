package dev.kolide.fleet.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kolide.kit.flags.GoDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The effective configuration as YAML in Kolide Fleet's nested shape ({@code mysql: {address: ...}}), which
 * {@code --config} reads back. Durations are spelled as Go does ({@code 2160h0m0s}). Secrets show as
 * {@code ********} unless asked for.
 *
 * <p>{@code --dev} and {@code --dev_data_dir} are written as top-level {@code dev} and {@code dev_data_dir}: YAML
 * cannot make {@code dev} both a value and a mapping, and the config file joins keys with {@code _} either way.
 */
public final class ConfigDump {
    private ConfigDump() {}

    /**
     * @param revealSecrets write passwords and the JWT key as they are, for a config file to be used elsewhere
     */
    public static String yaml(FleetConfig config, boolean revealSecrets) {
        requireNonNull(config, "config is null");
        Map<String, Object> root = new LinkedHashMap<>();
        MysqlConfig mysql = config.mysql();
        root.put("mysql", section(
                "address", mysql.address().toString(),
                "username", mysql.username(),
                "password", secret(mysql.password(), revealSecrets),
                "database", mysql.database(),
                "max_open_conns", mysql.maxOpenConns(),
                "max_idle_conns", mysql.maxIdleConns(),
                "conn_max_lifetime", duration(mysql.connMaxLifetime())));
        RedisConfig redis = config.redis();
        root.put("redis", section(
                "address", redis.address().toString(),
                "password", secret(redis.password(), revealSecrets),
                "database", redis.database(),
                "use_tls", redis.useTls(),
                "key_prefix", redis.keyPrefix()));
        ServerConfig server = config.server();
        root.put("server", section(
                "address", server.address().toString(),
                "cert", server.cert().toString(),
                "key", server.key().toString(),
                "tls", server.tls(),
                "tls_compatibility", server.tlsCompatibility().name().toLowerCase(Locale.ROOT),
                "url_prefix", server.urlPrefix()));
        AuthConfig auth = config.auth();
        root.put("auth", section(
                "jwt_key", secret(auth.jwtKey(), revealSecrets),
                "bcrypt_cost", auth.bcryptCost(),
                "salt_key_size", auth.saltKeySize()));
        SessionConfig session = config.session();
        root.put("session", section(
                "key_size", session.keySize(),
                "duration", duration(session.duration())));
        OsqueryConfig osquery = config.osquery();
        root.put("osquery", section(
                "node_key_size", osquery.nodeKeySize(),
                "status_log_plugin", osquery.statusLogPlugin().flagValue(),
                "result_log_plugin", osquery.resultLogPlugin().flagValue(),
                "status_log_file", osquery.statusLogFile().toString(),
                "result_log_file", osquery.resultLogFile().toString(),
                "enable_log_rotation", osquery.enableLogRotation(),
                "label_update_interval", duration(osquery.labelUpdateInterval()),
                "detail_update_interval", duration(osquery.detailUpdateInterval()),
                "log_live_query_results", osquery.logLiveQueryResults()));
        LoggingConfig logging = config.logging();
        root.put("logging", section(
                "debug", logging.debug(),
                "json", logging.json()));
        root.put("dev", config.dev().enabled());
        root.put("dev_data_dir", config.dev().dataDir().toString());
        try {
            return yamlMapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the configuration as YAML", e);
        }
    }

    private static ObjectMapper yamlMapper() {
        return new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    }

    private static Map<String, Object> section(Object... keysAndValues) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            section.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return section;
    }

    private static String secret(Secret secret, boolean reveal) {
        return reveal ? secret.reveal() : Secret.REDACTED;
    }

    private static String duration(Duration duration) {
        return GoDuration.format(duration);
    }
}
