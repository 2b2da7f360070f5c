package dev.kolide.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {
    @TempDir
    Path dir;

    private final ConfigHarness harness = new ConfigHarness();

    /** Runs with a JWT key and TLS off plus {@code args}; returns what fleet printed on failure. */
    private String failureOf(String... args) {
        List<String> all = new ArrayList<>(List.of("--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_tls=false"));
        all.addAll(Arrays.asList(args));
        FleetConfig config = harness.config(Map.of(), all.toArray(String[]::new));
        assertThat(config).as("expected a refusal").isNull();
        assertThat(harness.exitCode).isEqualTo(1);
        return harness.err.toString();
    }

    @Test
    void aMissingJwtKeyIsRefusedSayingHowToMakeOne() {
        harness.config(Map.of(), "--server_tls=false");

        assertThat(harness.exitCode).isEqualTo(1);
        assertThat(harness.err.toString()).isEqualTo("fleet: invalid configuration: --auth_jwt_key "
                + "(KOLIDE_AUTH_JWT_KEY) is required: it signs users' session tokens; "
                + "generate one with: openssl rand -base64 32" + System.lineSeparator());
    }

    @Test
    void aShortJwtKeyIsRefusedWithItsLengthButNotItsValue() {
        harness.config(Map.of(), "--auth_jwt_key", "tooshort", "--server_tls=false");

        assertThat(harness.exitCode).isEqualTo(1);
        assertThat(harness.err.toString()).contains("--auth_jwt_key (KOLIDE_AUTH_JWT_KEY) is 8 bytes long; HS256 session tokens need "
                + "at least 32").doesNotContain("tooshort");
    }

    @Test
    void devModeMakesUpAJwtKeyFromTheInjectedRandomSource() {
        SecureRandom sevens = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 7);
            }
        };
        FleetFlags flags = harness.flags(Map.of(), "--dev");

        FleetConfig config = FleetConfig.from(flags, sevens);

        byte[] expected = new byte[32];
        Arrays.fill(expected, (byte) 7);
        assertThat(config.auth().jwtKey().reveal()).isEqualTo(Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void problemsComeAsAConfigExceptionListingEach() {
        FleetFlags flags = harness.flags(Map.of(), "--server_tls=false", "--session_key_size=1");

        assertThatThrownBy(() -> FleetConfig.from(flags, new SecureRandom()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "--auth_jwt_key (KOLIDE_AUTH_JWT_KEY) is required: it signs users' session tokens; "
                                + "generate one with: openssl rand -base64 32",
                        "--session_key_size (KOLIDE_SESSION_KEY_SIZE) must be at least 16, not 1"));
    }

    @Test
    void withTlsOnAMissingCertificateIsRefusedNamingTheFileAndTheFlag() throws IOException {
        Path key = Files.writeString(dir.resolve("server.key"), "key");
        Path missing = dir.resolve("missing.crt");

        harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_cert", missing.toString(),
                "--server_key", key.toString());

        assertThat(harness.exitCode).isEqualTo(1);
        assertThat(harness.err.toString())
                .contains("--server_cert (KOLIDE_SERVER_CERT): " + missing + " does not exist or is not a file")
                .contains("--server_tls=false")
                .doesNotContain("--server_key (");
    }

    @Test
    void aDirectoryIsNotACertificate() {
        harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_cert", dir.toString(),
                "--server_key", dir.toString());

        assertThat(harness.err.toString())
                .contains("--server_cert (KOLIDE_SERVER_CERT): " + dir + " does not exist or is not a file")
                .contains("--server_key (KOLIDE_SERVER_KEY): " + dir + " does not exist or is not a file");
    }

    @Test
    void withTlsOffOrInDevModeCertificateFilesAreNotChecked() {
        String missing = dir.resolve("missing.crt").toString();

        assertThat(harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_tls=false",
                "--server_cert", missing)).as(harness.err.toString()).isNotNull();
        assertThat(harness.config(Map.of(), "--dev", "--server_cert", missing)).as(harness.err.toString())
                .isNotNull();
    }

    @Test
    void toolsThatDoNotServeNeedNeitherCertificateFilesNorAJwtKey() {
        String missing = dir.resolve("missing.crt").toString();
        FleetFlags flags = harness.flags(Map.of(), "--server_cert", missing, "--mysql_address", "db:3306");

        FleetConfig config = FleetConfig.forTools(flags, new java.security.SecureRandom());

        assertThat(config.mysql().address().toString()).isEqualTo("db:3306");
        assertThat(config.server().cert().toString()).isEqualTo(missing);
        assertThatThrownBy(() -> FleetConfig.from(flags, new java.security.SecureRandom()))
                .isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "--mysql_address|localhost|--mysql_address (KOLIDE_MYSQL_ADDRESS): \"localhost\" is not host:port",
        "--redis_address|redis:port|--redis_address (KOLIDE_REDIS_ADDRESS): \"redis:port\" is not host:port "
                + "(the port is not a number)",
        "--server_address|::1:8080|--server_address (KOLIDE_SERVER_ADDRESS): \"::1:8080\" is not host:port "
                + "(put an IPv6 host in brackets)",
        "--server_address|0.0.0.0:70000|--server_address (KOLIDE_SERVER_ADDRESS): port 70000 is not between 0 "
                + "and 65535",
        "--server_tls_compatibility|old|--server_tls_compatibility (KOLIDE_SERVER_TLS_COMPATIBILITY): unknown "
                + "TLS profile \"old\"; expected one of [modern, intermediate]",
        "--server_url_prefix|fleet/|--server_url_prefix (KOLIDE_SERVER_URL_PREFIX): \"fleet/\" is not a URL path "
                + "prefix such as /fleet (a leading slash, no trailing slash)",
        "--server_url_prefix|/a b|--server_url_prefix (KOLIDE_SERVER_URL_PREFIX): \"/a b\" is not a URL path",
        "--auth_bcrypt_cost|3|--auth_bcrypt_cost (KOLIDE_AUTH_BCRYPT_COST) must be between 4 and 31, not 3",
        "--auth_bcrypt_cost|32|--auth_bcrypt_cost (KOLIDE_AUTH_BCRYPT_COST) must be between 4 and 31, not 32",
        "--auth_salt_key_size|-1|--auth_salt_key_size (KOLIDE_AUTH_SALT_KEY_SIZE) must be at least 0, not -1",
        "--session_key_size|8|--session_key_size (KOLIDE_SESSION_KEY_SIZE) must be at least 16, not 8",
        "--session_duration|0s|--session_duration (KOLIDE_SESSION_DURATION) must be longer than 0s",
        "--osquery_node_key_size|4|--osquery_node_key_size (KOLIDE_OSQUERY_NODE_KEY_SIZE) must be at least 16, "
                + "not 4",
        "--osquery_status_log_plugin|kafka|--osquery_status_log_plugin (KOLIDE_OSQUERY_STATUS_LOG_PLUGIN): "
                + "\"kafka\" is not a log plugin; expected one of filesystem, stdout",
        "--osquery_result_log_file|'  '|--osquery_result_log_file (KOLIDE_OSQUERY_RESULT_LOG_FILE) is empty",
        "--osquery_label_update_interval|-1h|--osquery_label_update_interval "
                + "(KOLIDE_OSQUERY_LABEL_UPDATE_INTERVAL) must be longer than 0s",
        "--mysql_max_open_conns|0|--mysql_max_open_conns (KOLIDE_MYSQL_MAX_OPEN_CONNS) must be at least 1, not 0",
        "--mysql_conn_max_lifetime|-5m|--mysql_conn_max_lifetime (KOLIDE_MYSQL_CONN_MAX_LIFETIME) must not be "
                + "negative",
        "--redis_database|-1|--redis_database (KOLIDE_REDIS_DATABASE) must be at least 0, not -1",
        "--dev_data_dir|''|--dev_data_dir (KOLIDE_DEV_DATA_DIR) is empty",
    })
    void aBadSettingIsRefusedNamingItsFlagAndEnvironmentVariable(String flag, String value, String message) {
        assertThat(failureOf(flag + "=" + value)).contains(message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String err = failureOf("--mysql_address=nope", "--auth_bcrypt_cost=99", "--osquery_result_log_plugin=s3");

        assertThat(err).startsWith("fleet: invalid configuration:\n  --mysql_address")
                .contains("\n  --auth_bcrypt_cost").contains("\n  --osquery_result_log_plugin");
    }

    @Test
    void lettersCaseOfEnumeratedValuesDoesNotMatter() {
        FleetConfig config = harness.config(Map.of(), "--auth_jwt_key", ConfigHarness.JWT_KEY, "--server_tls=false",
                "--server_tls_compatibility=Intermediate", "--osquery_result_log_plugin=STDOUT");

        assertThat(config).as(harness.err.toString()).isNotNull();
        assertThat(config.osquery().resultLogPlugin()).isEqualTo(LogPlugin.STDOUT);
    }

    @Test
    void theConfigurationPrintsNoSecret() {
        FleetConfig config = harness.config(Map.of("KOLIDE_MYSQL_PASSWORD", "mysql-secret",
                "KOLIDE_REDIS_PASSWORD", "redis-secret"), "--auth_jwt_key", ConfigHarness.JWT_KEY,
                "--server_tls=false");

        assertThat(config.toString()).doesNotContain("mysql-secret").doesNotContain("redis-secret")
                .doesNotContain(ConfigHarness.JWT_KEY).contains("********");
    }

    @Test
    void helpShowsNoSecretFromTheEnvironment() {
        harness.flags(Map.of("KOLIDE_MYSQL_PASSWORD", "mysql-secret", "KOLIDE_AUTH_JWT_KEY", ConfigHarness.JWT_KEY),
                "help");

        assertThat(harness.out.toString()).contains("--mysql_password").contains("--auth_jwt_key")
                .doesNotContain("mysql-secret").doesNotContain(ConfigHarness.JWT_KEY);
    }
}
