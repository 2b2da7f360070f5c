package dev.kolide.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.tls.TlsProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults, every flag set explicitly, and every flag set through the environment and through YAML. */
class FleetFlagsTest {
    @TempDir
    Path dir;

    private final ConfigHarness harness = new ConfigHarness();
    private Path cert;
    private Path key;

    @BeforeEach
    void certificateFiles() throws IOException {
        cert = Files.writeString(dir.resolve("server.crt"), "cert");
        key = Files.writeString(dir.resolve("server.key"), "key");
    }

    @Test
    void defaultsAreKolideFleets() {
        FleetFlags raw = harness.flags(Map.of());
        assertThat(harness.exitCode).as(harness.err.toString()).isZero();
        assertThat(raw.serverCert).isEqualTo("./tools/osquery/kolide.crt");
        assertThat(raw.serverKey).isEqualTo("./tools/osquery/kolide.key");
        assertThat(raw.authJwtKey).isEmpty();

        FleetConfig config = harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_cert", cert.toString(), "--server_key", key.toString());

        assertThat(config).as(harness.err.toString()).isEqualTo(new FleetConfig(
                new MysqlConfig(new HostPort("localhost", 3306), "kolide", new Secret("kolide"), "kolide", 50, 50,
                        Duration.ZERO),
                new RedisConfig(new HostPort("localhost", 6379), new Secret(""), 0, false),
                new ServerConfig(new HostPort("0.0.0.0", 8080), cert, key, true, TlsProfile.MODERN, ""),
                new AuthConfig(new Secret(ConfigHarness.JWT_KEY), 12, 24),
                new SessionConfig(64, Duration.ofHours(2160)),
                new OsqueryConfig(24, LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM, Path.of("/tmp/osquery_status"),
                        Path.of("/tmp/osquery_result"), false, Duration.ofHours(1), Duration.ofHours(1)),
                new LoggingConfig(false, false),
                new DevConfig(false, Path.of("./fleet-dev"))));
    }

    /** Every flag with a value other than its default, as {flag name: value}. */
    private Map<String, String> everyFlag() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("mysql_address", "db.example.com:3307");
        flags.put("mysql_username", "fleet");
        flags.put("mysql_password", "db-pass");
        flags.put("mysql_database", "fleetdb");
        flags.put("mysql_max_open_conns", "20");
        flags.put("mysql_max_idle_conns", "5");
        flags.put("mysql_conn_max_lifetime", "5m");
        flags.put("redis_address", "[::1]:6380");
        flags.put("redis_password", "redis-pass");
        flags.put("redis_database", "3");
        flags.put("redis_use_tls", "true");
        flags.put("server_address", "127.0.0.1:8443");
        flags.put("server_cert", cert.toString());
        flags.put("server_key", key.toString());
        flags.put("server_tls", "false");
        flags.put("server_tls_compatibility", "intermediate");
        flags.put("server_url_prefix", "/fleet");
        flags.put("auth_jwt_key", ConfigHarness.JWT_KEY);
        flags.put("auth_bcrypt_cost", "10");
        flags.put("auth_salt_key_size", "16");
        flags.put("session_key_size", "32");
        flags.put("session_duration", "24h");
        flags.put("osquery_node_key_size", "32");
        flags.put("osquery_status_log_plugin", "stdout");
        flags.put("osquery_result_log_plugin", "stdout");
        flags.put("osquery_status_log_file", "/var/log/fleet/status.log");
        flags.put("osquery_result_log_file", "/var/log/fleet/result.log");
        flags.put("osquery_enable_log_rotation", "true");
        flags.put("osquery_label_update_interval", "30m");
        flags.put("osquery_detail_update_interval", "1h30m");
        flags.put("logging_debug", "true");
        flags.put("logging_json", "true");
        flags.put("dev", "true");
        flags.put("dev_data_dir", "/var/lib/fleet-dev");
        return flags;
    }

    private FleetConfig everyFlagConfig() {
        return new FleetConfig(
                new MysqlConfig(new HostPort("db.example.com", 3307), "fleet", new Secret("db-pass"), "fleetdb", 20, 5,
                        Duration.ofMinutes(5)),
                new RedisConfig(new HostPort("::1", 6380), new Secret("redis-pass"), 3, true),
                new ServerConfig(new HostPort("127.0.0.1", 8443), cert, key, false, TlsProfile.INTERMEDIATE,
                        "/fleet"),
                new AuthConfig(new Secret(ConfigHarness.JWT_KEY), 10, 16),
                new SessionConfig(32, Duration.ofHours(24)),
                new OsqueryConfig(32, LogPlugin.STDOUT, LogPlugin.STDOUT, Path.of("/var/log/fleet/status.log"),
                        Path.of("/var/log/fleet/result.log"), true, Duration.ofMinutes(30), Duration.ofMinutes(90)),
                new LoggingConfig(true, true),
                new DevConfig(true, Path.of("/var/lib/fleet-dev")));
    }

    @Test
    void everyFlagOnTheCommandLineReachesItsSetting() {
        List<String> args = new ArrayList<>();
        everyFlag().forEach((name, value) -> args.add("--" + name + "=" + value));

        FleetConfig config = harness.config(Map.of(), args.toArray(String[]::new));

        assertThat(config).as(harness.err.toString()).isEqualTo(everyFlagConfig());
    }

    @Test
    void goSingleDashSpellingAndSeparateValuesWorkToo() {
        FleetConfig config = harness.config(Map.of(), "-auth_jwt_key", ConfigHarness.JWT_KEY, "-server_tls=false",
                "-mysql_address", "db:3306", "--logging_debug");

        assertThat(config).as(harness.err.toString()).isNotNull();
        assertThat(config.mysql().address()).isEqualTo(new HostPort("db", 3306));
        assertThat(config.server().tls()).isFalse();
        assertThat(config.logging().debug()).isTrue();
    }

    @Test
    void everyFlagInTheEnvironmentReachesItsSetting() {
        Map<String, String> env = new HashMap<>();
        everyFlag().forEach((name, value) -> env.put("KOLIDE_" + name.toUpperCase(java.util.Locale.ROOT), value));

        FleetConfig config = harness.config(env);

        assertThat(config).as(harness.err.toString()).isEqualTo(everyFlagConfig());
    }

    @Test
    void everyFlagInANestedYamlConfigReachesItsSetting() throws IOException {
        Map<String, String> flags = everyFlag();
        String yaml = """
                mysql:
                  address: db.example.com:3307
                  username: fleet
                  password: db-pass
                  database: fleetdb
                  max_open_conns: 20
                  max_idle_conns: 5
                  conn_max_lifetime: 5m
                redis:
                  address: "[::1]:6380"
                  password: redis-pass
                  database: 3
                  use_tls: true
                server:
                  address: 127.0.0.1:8443
                  cert: %s
                  key: %s
                  tls: false
                  tls_compatibility: intermediate
                  url_prefix: /fleet
                auth:
                  jwt_key: %s
                  bcrypt_cost: 10
                  salt_key_size: 16
                session:
                  key_size: 32
                  duration: 24h
                osquery:
                  node_key_size: 32
                  status_log_plugin: stdout
                  result_log_plugin: stdout
                  status_log_file: /var/log/fleet/status.log
                  result_log_file: /var/log/fleet/result.log
                  enable_log_rotation: true
                  label_update_interval: 30m
                  detail_update_interval: 1h30m
                logging:
                  debug: true
                  json: true
                dev: true
                dev_data_dir: /var/lib/fleet-dev
                """.formatted(flags.get("server_cert"), flags.get("server_key"), flags.get("auth_jwt_key"));
        Path file = Files.writeString(dir.resolve("fleet.yml"), yaml);

        FleetConfig config = harness.config(Map.of(), "--config", file.toString());

        assertThat(config).as(harness.err.toString()).isEqualTo(everyFlagConfig());
    }

    @Test
    void theConfigFileCanBeNamedInTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), "mysql:\n  address: from-yaml:3306\n");

        FleetConfig config = harness.config(Map.of("KOLIDE_CONFIG", file.toString(),
                "KOLIDE_AUTH_JWT_KEY", ConfigHarness.JWT_KEY, "KOLIDE_SERVER_TLS", "false"));

        assertThat(config).as(harness.err.toString()).isNotNull();
        assertThat(config.mysql().address()).isEqualTo(new HostPort("from-yaml", 3306));
    }

    /** Where --mysql_address comes from when set in some of the places; "-" means not set there. */
    @ParameterizedTest(name = "cli={0} env={1} yaml={2} -> {3}")
    @CsvSource({
        "cli, env, yaml, cli:1",
        "cli, -,   yaml, cli:1",
        "-,   env, yaml, env:2",
        "-,   env, -,    env:2",
        "-,   -,   yaml, yaml:3",
        "-,   -,   -,    localhost:3306",
    })
    void commandLineBeatsEnvironmentBeatsYamlBeatsDefault(String cli, String env, String yaml, String expected)
            throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yml"),
                "auth:\n  jwt_key: " + ConfigHarness.JWT_KEY + "\nserver:\n  tls: false\n"
                        + ("-".equals(yaml) ? "" : "mysql:\n  address: yaml:3\n"));
        Map<String, String> environment = "-".equals(env) ? Map.of() : Map.of("KOLIDE_MYSQL_ADDRESS", "env:2");
        List<String> args = new ArrayList<>(List.of("--config", file.toString()));
        if (!"-".equals(cli)) {
            args.add("--mysql_address=cli:1");
        }

        FleetConfig config = harness.config(environment, args.toArray(String[]::new));

        assertThat(config).as(harness.err.toString()).isNotNull();
        assertThat(config.mysql().address()).hasToString(expected);
    }

    @Test
    void anUnknownKeyInTheYamlFileIsAnErrorNotIgnored() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yml"), "mysql:\n  adress: typo:3306\n");

        FleetConfig config = harness.config(Map.of(), "--config", file.toString());

        assertThat(config).isNull();
        assertThat(harness.exitCode).isEqualTo(2);
        assertThat(harness.err.toString()).contains("unknown flag \"mysql_adress\"");
    }

    @Test
    void aMalformedNumberOrDurationIsAUsageErrorNamingTheFlag() {
        harness.config(Map.of("KOLIDE_SESSION_DURATION", "90 days"));

        assertThat(harness.exitCode).isEqualTo(2);
        assertThat(harness.err.toString()).contains("--session_duration").contains("90 days");
    }
}
