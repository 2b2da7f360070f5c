package dev.kolide.fleet.config;

import dev.kolide.kit.cli.ConfigFileOption;
import dev.kolide.kit.flags.GoDuration;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Kolide Fleet's server flags, names and defaults as in its {@code server/config/config.go}. Mix into every
 * command that needs the configuration ({@code serve}, {@code config_dump}, {@code prepare db}) with
 * {@code @Mixin FleetFlags flags}; it brings {@code --config} along. Under kit's {@code Program} with prefix
 * {@code KOLIDE_}, each flag is also read from {@code KOLIDE_<FLAG>} and from the YAML config file
 * ({@code mysql: {address: ...}} sets {@code --mysql_address}).
 *
 * <p>The fields are the raw values; {@link FleetConfig#from} checks them. Secret flags do not show their default
 * in {@code --help}, since the default shown would be whatever the environment or config file holds.
 */
public final class FleetFlags {
    @Mixin
    ConfigFileOption configFile;

    @Option(names = "--mysql_address", defaultValue = "localhost:3306", paramLabel = "HOST:PORT",
            description = "MySQL server address (default: ${DEFAULT-VALUE})")
    String mysqlAddress;

    @Option(names = "--mysql_username", defaultValue = "kolide", paramLabel = "NAME",
            description = "MySQL user name (default: ${DEFAULT-VALUE})")
    String mysqlUsername;

    @Option(names = "--mysql_password", defaultValue = "kolide", paramLabel = "PASSWORD",
            description = "MySQL password")
    String mysqlPassword;

    @Option(names = "--mysql_database", defaultValue = "kolide", paramLabel = "NAME",
            description = "MySQL database name (default: ${DEFAULT-VALUE})")
    String mysqlDatabase;

    @Option(names = "--mysql_max_open_conns", defaultValue = "50", paramLabel = "N",
            description = "Most open MySQL connections (default: ${DEFAULT-VALUE})")
    int mysqlMaxOpenConns;

    @Option(names = "--mysql_max_idle_conns", defaultValue = "50", paramLabel = "N",
            description = "Most idle MySQL connections kept (default: ${DEFAULT-VALUE})")
    int mysqlMaxIdleConns;

    @Option(names = "--mysql_conn_max_lifetime", defaultValue = "0", converter = GoDuration.class,
            paramLabel = "DURATION", description = "Close MySQL connections older than this; 0 keeps them "
                    + "(default: ${DEFAULT-VALUE})")
    Duration mysqlConnMaxLifetime;

    @Option(names = "--redis_address", defaultValue = "localhost:6379", paramLabel = "HOST:PORT",
            description = "Redis server address (default: ${DEFAULT-VALUE})")
    String redisAddress;

    @Option(names = "--redis_password", defaultValue = "", paramLabel = "PASSWORD",
            description = "Redis password; empty for none")
    String redisPassword;

    @Option(names = "--redis_database", defaultValue = "0", paramLabel = "N",
            description = "Redis database number (default: ${DEFAULT-VALUE})")
    int redisDatabase;

    @Option(names = "--redis_use_tls", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Connect to Redis over TLS (default: ${DEFAULT-VALUE})")
    boolean redisUseTls;

    @Option(names = "--redis_key_prefix", defaultValue = "fleet:", paramLabel = "PREFIX",
            description = "Prefix of every live-query key and channel in Redis (default: ${DEFAULT-VALUE})")
    String redisKeyPrefix;

    @Option(names = "--server_address", defaultValue = "0.0.0.0:8080", paramLabel = "HOST:PORT",
            description = "Address to serve on (default: ${DEFAULT-VALUE})")
    String serverAddress;

    @Option(names = "--server_cert", defaultValue = "./tools/osquery/kolide.crt", paramLabel = "FILE",
            description = "TLS certificate chain, PEM (default: ${DEFAULT-VALUE})")
    String serverCert;

    @Option(names = "--server_key", defaultValue = "./tools/osquery/kolide.key", paramLabel = "FILE",
            description = "TLS private key, PEM (default: ${DEFAULT-VALUE})")
    String serverKey;

    @Option(names = "--server_tls", defaultValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Serve TLS; false serves plain HTTP behind a TLS-terminating proxy "
                    + "(default: ${DEFAULT-VALUE})")
    boolean serverTls;

    @Option(names = "--server_tls_compatibility", defaultValue = "modern", paramLabel = "PROFILE",
            description = "TLS profile: modern or intermediate (default: ${DEFAULT-VALUE})")
    String serverTlsCompatibility;

    @Option(names = "--server_url_prefix", defaultValue = "", paramLabel = "PATH",
            description = "Serve every route under this path, e.g. /fleet (default: none)")
    String serverUrlPrefix;

    @Option(names = "--auth_jwt_key", defaultValue = "", paramLabel = "KEY",
            description = "Key that signs session tokens, at least 32 bytes; required unless --dev")
    String authJwtKey;

    @Option(names = "--auth_bcrypt_cost", defaultValue = "12", paramLabel = "N",
            description = "bcrypt cost of password hashes (default: ${DEFAULT-VALUE})")
    int authBcryptCost;

    @Option(names = "--auth_salt_key_size", defaultValue = "24", paramLabel = "BYTES",
            description = "Random bytes in each password's salt (default: ${DEFAULT-VALUE})")
    int authSaltKeySize;

    @Option(names = "--session_key_size", defaultValue = "64", paramLabel = "BYTES",
            description = "Random bytes in each session key (default: ${DEFAULT-VALUE})")
    int sessionKeySize;

    @Option(names = "--session_duration", defaultValue = "2160h", converter = GoDuration.class,
            paramLabel = "DURATION", description = "How long an unused session lasts (default: ${DEFAULT-VALUE})")
    Duration sessionDuration;

    @Option(names = "--osquery_node_key_size", defaultValue = "24", paramLabel = "BYTES",
            description = "Random bytes in each host's node key (default: ${DEFAULT-VALUE})")
    int osqueryNodeKeySize;

    @Option(names = "--osquery_status_log_plugin", defaultValue = "filesystem", paramLabel = "PLUGIN",
            description = "Where status logs go: filesystem or stdout (default: ${DEFAULT-VALUE})")
    String osqueryStatusLogPlugin;

    @Option(names = "--osquery_result_log_plugin", defaultValue = "filesystem", paramLabel = "PLUGIN",
            description = "Where result logs go: filesystem or stdout (default: ${DEFAULT-VALUE})")
    String osqueryResultLogPlugin;

    @Option(names = "--osquery_status_log_file", defaultValue = "/tmp/osquery_status", paramLabel = "FILE",
            description = "Status log file for the filesystem plugin (default: ${DEFAULT-VALUE})")
    String osqueryStatusLogFile;

    @Option(names = "--osquery_result_log_file", defaultValue = "/tmp/osquery_result", paramLabel = "FILE",
            description = "Result log file for the filesystem plugin (default: ${DEFAULT-VALUE})")
    String osqueryResultLogFile;

    @Option(names = "--osquery_enable_log_rotation", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Rotate the log files at 500 MB, keeping 3 for 28 days (default: ${DEFAULT-VALUE})")
    boolean osqueryEnableLogRotation;

    @Option(names = "--osquery_label_update_interval", defaultValue = "1h", converter = GoDuration.class,
            paramLabel = "DURATION", description = "How often hosts run label queries (default: ${DEFAULT-VALUE})")
    Duration osqueryLabelUpdateInterval;

    @Option(names = "--osquery_detail_update_interval", defaultValue = "1h", converter = GoDuration.class,
            paramLabel = "DURATION", description = "How often hosts report details (default: ${DEFAULT-VALUE})")
    Duration osqueryDetailUpdateInterval;

    @Option(names = "--osquery_log_live_query_results", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Also write live-query results to the result log (default: ${DEFAULT-VALUE})")
    boolean osqueryLogLiveQueryResults;

    @Option(names = "--logging_debug", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Log at debug level (default: ${DEFAULT-VALUE})")
    boolean loggingDebug;

    @Option(names = "--logging_json", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Log JSON lines rather than logfmt (default: ${DEFAULT-VALUE})")
    boolean loggingJson;

    @Option(names = "--dev", defaultValue = "false", arity = "0..1", paramLabel = "BOOL",
            description = "Development mode: embedded database, no Redis, made-up keys; never in production")
    boolean dev;

    @Option(names = "--dev_data_dir", defaultValue = "./fleet-dev", paramLabel = "DIR",
            description = "Where --dev keeps its data (default: ${DEFAULT-VALUE})")
    String devDataDir;
}
