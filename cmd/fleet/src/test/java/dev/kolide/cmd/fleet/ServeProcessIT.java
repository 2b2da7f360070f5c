package dev.kolide.cmd.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet serve} and {@code fleet prepare db} as real processes of the packaged jar: the dev mode on its
 * embedded database with its own TLS, and production mode on the MariaDB at 127.0.0.1:3306.
 */
class ServeProcessIT {
    private static final Pattern SERVING = Pattern.compile("serving HTTPS? \\([^)]*\\) on [^ ]*:(\\d+)");
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    @TempDir
    Path dir;

    private Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/fleet.jar"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KOLIDE_"));
        return builder.start();
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("fleet exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet did not start serving in 60 s:\n" + Files.readString(log));
    }

    private static int stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("fleet stops on SIGTERM").isTrue();
        return process.exitValue();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void devModeServesHttpsWithACertificateKeptInItsDataDirectory() throws Exception {
        Path data = dir.resolve("fleet-dev");
        Path log = dir.resolve("fleet.log");
        List<String> args = List.of("serve", "--dev", "--dev_data_dir", data.toString(),
                "--server_address", "127.0.0.1:0",
                "--osquery_status_log_file", dir.resolve("status.log").toString(),
                "--osquery_result_log_file", dir.resolve("result.log").toString());
        Process fleet = start(args, log);
        try {
            int port = awaitPort(fleet, log);
            Path ca = data.resolve("tls").resolve("ca.pem");
            assertThat(ca).isRegularFile();
            HttpClient client = HttpClientTls.configure(HttpClient.newBuilder(), ClientTrust.rootsFromPem(ca),
                    TlsProfile.MODERN).build();

            HttpResponse<String> health = get(client, "https://localhost:" + port + "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"name\":\"datastore\",\"healthy\":true");
            HttpResponse<String> version = get(client, "https://localhost:" + port + "/version");
            assertThat(version.body()).contains("\"program\":\"fleet\"");
            assertThat(Files.readString(log)).contains("trust " + ca);
        } finally {
            assertThat(stop(fleet)).isZero();
        }
        byte[] firstCa = Files.readAllBytes(data.resolve("tls").resolve("ca.pem"));

        Process again = start(args, log);
        try {
            awaitPort(again, log);
            assertThat(Files.readAllBytes(data.resolve("tls").resolve("ca.pem")))
                    .as("the dev CA is kept across restarts").isEqualTo(firstCa);
        } finally {
            stop(again);
        }
    }

    @Test
    void serveRefusesPendingMigrationsUntilPrepareDbAppliesThem() throws Exception {
        String database = "fleet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        if (!createDatabase(database)) {
            return;
        }
        try {
            List<String> common = List.of("--mysql_address", "127.0.0.1:3306", "--mysql_username", "root",
                    "--mysql_password", "", "--mysql_database", database);
            List<String> serveArgs = new ArrayList<>(List.of("serve", "--server_tls=false",
                    "--server_address", "127.0.0.1:0", "--auth_jwt_key", "an-it-key-of-at-least-32-bytes-long!!",
                    "--osquery_status_log_file", dir.resolve("status.log").toString(),
                    "--osquery_result_log_file", dir.resolve("result.log").toString()));
            serveArgs.addAll(common);

            Path refused = dir.resolve("refused.log");
            Process first = start(serveArgs, refused);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(1);
            assertThat(Files.readString(refused)).contains("run `fleet prepare db`");

            List<String> prepareArgs = new ArrayList<>(List.of("prepare", "db", "--no-prompt"));
            prepareArgs.addAll(common);
            Path prepared = dir.resolve("prepare.log");
            Process prepare = start(prepareArgs, prepared);
            assertThat(prepare.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(prepare.exitValue()).as(Files.readString(prepared)).isZero();
            assertThat(Files.readString(prepared)).contains("Applied", "the database is up to date");

            Path served = dir.resolve("serve.log");
            Process fleet = start(serveArgs, served);
            try {
                int port = awaitPort(fleet, served);
                HttpResponse<String> health = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/healthz");
                assertThat(health.statusCode()).isEqualTo(200);
            } finally {
                assertThat(stop(fleet)).isZero();
            }
        } finally {
            dropDatabase(database);
        }
    }

    /** False (test skipped) when MariaDB is not reachable outside CI; in CI that is a failure. */
    private static boolean createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return true;
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("MariaDB at 127.0.0.1:3306 is needed in CI: " + e.getMessage(), e);
            }
            Assumptions.abort("MariaDB at 127.0.0.1:3306 is not reachable: " + e.getMessage());
            return false;
        }
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(MARIADB, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
