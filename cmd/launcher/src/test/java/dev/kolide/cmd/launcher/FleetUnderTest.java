package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.kit.tls.DevCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code fleet serve} (built earlier in the reactor), on the embedded database of {@code --dev} or on a
 * fresh MariaDB database with Redis. It can be stopped and started again on the same port and data.
 */
final class FleetUnderTest implements AutoCloseable {
    static final Path FLEET_JAR = Path.of("..", "fleet", "target", "fleet.jar");
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private final Path dir;
    private final String database;
    private final List<String> baseArgs;
    private Process process;
    private int port;
    private int starts;

    private FleetUnderTest(Path dir, String database, List<String> baseArgs) {
        this.dir = dir;
        this.database = database;
        this.baseArgs = baseArgs;
    }

    /** {@code fleet serve --dev}: embedded database and dev CA in {@code dir/data}. */
    static FleetUnderTest dev(Path dir) {
        return new FleetUnderTest(dir, null, List.of("serve", "--dev", "--dev_data_dir", dir.resolve("data").toString()));
    }

    /** {@code fleet serve} on a new MariaDB database (prepared with {@code fleet prepare db}) and Redis. */
    static FleetUnderTest mariadb(Path dir) throws Exception {
        String database = "launcher_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(MARIADB, "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        List<String> mysql = List.of("--mysql_address", "127.0.0.1:3306", "--mysql_username", "root",
                "--mysql_password", "", "--mysql_database", database);
        List<String> prepare = new ArrayList<>(List.of("prepare", "db", "--no-prompt"));
        prepare.addAll(mysql);
        Path log = dir.resolve("prepare.log");
        Process process = JarProcess.start(FLEET_JAR, prepare, log, dir);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        Path tls = dir.resolve("data").resolve("tls");
        DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1), Clock.systemUTC(),
                new SecureRandom()).writeTo(tls);
        List<String> args = new ArrayList<>(List.of("serve",
                "--server_cert", tls.resolve(DevCertificates.SERVER_CERTIFICATE_FILE).toString(),
                "--server_key", tls.resolve(DevCertificates.SERVER_KEY_FILE).toString(),
                "--auth_jwt_key", "a-launcher-it-key-of-at-least-32-bytes", "--auth_bcrypt_cost", "4",
                "--redis_address", "127.0.0.1:6379", "--redis_key_prefix", database + ":"));
        args.addAll(mysql);
        return new FleetUnderTest(dir, database, args);
    }

    /** Starts fleet; the first start picks a free port, later ones reuse it. Returns its base URL. */
    String start() throws Exception {
        List<String> args = new ArrayList<>(baseArgs);
        args.addAll(List.of("--server_address", "127.0.0.1:" + port,
                "--osquery_status_log_file", statusLog().toString(),
                "--osquery_result_log_file", resultLog().toString()));
        starts++;
        Path log = dir.resolve("fleet-" + starts + ".log");
        process = JarProcess.start(FLEET_JAR, args, log, dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return url();
            }
            if (!process.isAlive()) {
                throw new AssertionError("fleet exited:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet not serving within 90 s:\n" + Files.readString(log));
    }

    /** Serve on {@code port} from the first start. */
    void usePort(int port) {
        this.port = port;
    }

    void stop() throws InterruptedException {
        JarProcess.stop(process);
    }

    String url() {
        return "https://localhost:" + port;
    }

    String hostPort() {
        return "localhost:" + port;
    }

    Path ca() {
        return dir.resolve("data").resolve("tls").resolve(DevCertificates.CA_FILE);
    }

    Path resultLog() {
        return dir.resolve("osquery_result.log");
    }

    Path statusLog() {
        return dir.resolve("osquery_status.log");
    }

    @Override
    public void close() throws Exception {
        stop();
        if (database != null) {
            try (Connection c = DriverManager.getConnection(MARIADB, "root", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            } catch (SQLException e) {
                // best effort: the database name is unique to this run
            }
        }
    }
}
