package dev.kolide.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDumpTest {
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

    private FleetConfig defaults() {
        FleetConfig config = harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_cert", cert.toString(), "--server_key", key.toString());
        assertThat(config).as(harness.err.toString()).isNotNull();
        return config;
    }

    @Test
    void theDumpIsKolidesNestedYamlWithSecretsHidden() {
        String yaml = ConfigDump.yaml(defaults(), false);

        assertThat(yaml).isEqualTo("""
                mysql:
                  address: localhost:3306
                  username: kolide
                  password: '********'
                  database: kolide
                  max_open_conns: 50
                  max_idle_conns: 50
                  conn_max_lifetime: 0s
                redis:
                  address: localhost:6379
                  password: '********'
                  database: 0
                  use_tls: false
                  key_prefix: "fleet:"
                server:
                  address: 0.0.0.0:8080
                  cert: %s
                  key: %s
                  tls: true
                  tls_compatibility: modern
                  url_prefix: ""
                auth:
                  jwt_key: '********'
                  bcrypt_cost: 12
                  salt_key_size: 24
                session:
                  key_size: 64
                  duration: 2160h0m0s
                osquery:
                  node_key_size: 24
                  status_log_plugin: filesystem
                  result_log_plugin: filesystem
                  status_log_file: /tmp/osquery_status
                  result_log_file: /tmp/osquery_result
                  enable_log_rotation: false
                  label_update_interval: 1h0m0s
                  detail_update_interval: 1h0m0s
                  log_live_query_results: false
                logging:
                  debug: false
                  json: false
                dev: false
                dev_data_dir: ./fleet-dev
                """.formatted(cert, key));
    }

    @Test
    void secretsAreShownOnlyWhenAskedFor() {
        FleetConfig config = harness.config(Map.of("KOLIDE_MYSQL_PASSWORD", "mysql-secret",
                "KOLIDE_REDIS_PASSWORD", "redis-secret"), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_tls=false");

        assertThat(ConfigDump.yaml(config, false)).doesNotContain("mysql-secret").doesNotContain("redis-secret")
                .doesNotContain(ConfigHarness.JWT_KEY);
        assertThat(ConfigDump.yaml(config, true)).contains("password: mysql-secret")
                .contains("password: redis-secret").contains("jwt_key: " + ConfigHarness.JWT_KEY);
    }

    @Test
    void aDumpWithSecretsReadsBackAsTheSameConfiguration() throws IOException {
        FleetConfig original = harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_cert", cert.toString(), "--server_key", key.toString(),
                "--mysql_password", "p@ss: #word", "--redis_password", "'quoted\"", "--mysql_conn_max_lifetime",
                "90s", "--server_url_prefix", "/fleet", "--server_address", "[::]:443",
                "--osquery_result_log_plugin", "stdout", "--logging_json", "--dev_data_dir", "/tmp/dev data");
        assertThat(original).as(harness.err.toString()).isNotNull();
        Path file = Files.writeString(dir.resolve("dumped.yml"), ConfigDump.yaml(original, true));

        FleetConfig readBack = harness.config(Map.of(), "--config", file.toString());

        assertThat(readBack).as(harness.err.toString()).isEqualTo(original);
    }

    @Test
    void aRedactedDumpReadsBackAsTheSameConfigurationOnceTheSecretsAreGivenAgain() throws IOException {
        FleetConfig original = harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_cert", cert.toString(), "--server_key", key.toString(), "--mysql_password", "mysql-secret");
        Path file = Files.writeString(dir.resolve("dumped.yml"), ConfigDump.yaml(original, false));

        FleetConfig redacted = harness.config(Map.of("KOLIDE_AUTH_JWT_KEY", ConfigHarness.JWT_KEY),
                "--config", file.toString());
        assertThat(redacted).as(harness.err.toString()).isNotNull();
        assertThat(redacted.mysql().password().reveal()).isEqualTo(Secret.REDACTED);

        FleetConfig restored = harness.config(Map.of("KOLIDE_AUTH_JWT_KEY", ConfigHarness.JWT_KEY,
                "KOLIDE_MYSQL_PASSWORD", "mysql-secret", "KOLIDE_REDIS_PASSWORD", ""), "--config", file.toString());
        assertThat(restored).as(harness.err.toString()).isEqualTo(original);
    }

    @Test
    void theConfigDumpCommandPrintsTheDump() {
        int code = harness.run(new ConfigDumpCommand(new SecureRandom()), Map.of("KOLIDE_MYSQL_PASSWORD", "pw-1"),
                "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_tls=false", "--mysql_address", "db:3306");

        assertThat(code).as(harness.err.toString()).isZero();
        assertThat(harness.out.toString()).startsWith("mysql:\n  address: db:3306\n").contains("password: '********'")
                .doesNotContain("pw-1");
    }

    @Test
    void theConfigDumpCommandShowsSecretsOnlyWithItsFlag() {
        harness.run(new ConfigDumpCommand(new SecureRandom()), Map.of("KOLIDE_MYSQL_PASSWORD", "pw-1"),
                "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_tls=false", "--show_secrets");

        assertThat(harness.out.toString()).contains("password: pw-1");
    }

    @Test
    void theConfigDumpCommandRefusesWhatServeWouldRefuse() {
        int code = harness.run(new ConfigDumpCommand(new SecureRandom()), Map.of(), "--server_tls=false");

        assertThat(code).isEqualTo(1);
        assertThat(harness.err.toString()).contains("--auth_jwt_key (KOLIDE_AUTH_JWT_KEY) is required");
        assertThat(harness.out.toString()).isEmpty();
    }
}
