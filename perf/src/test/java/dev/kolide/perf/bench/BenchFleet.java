package dev.kolide.perf.bench;

import dev.kolide.fleet.client.FleetClient;
import dev.kolide.fleet.client.FleetEndpoint;
import dev.kolide.fleet.client.Session;
import dev.kolide.fleet.client.SetupRequest;
import dev.kolide.fleet.livequery.redis.TestRedis;
import dev.kolide.kit.tls.ClientTrust;
import dev.kolide.kit.tls.DevCertificates;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The packaged fleet ({@code build/fleet serve}) as an operator runs it: on a fresh MariaDB database prepared with
 * {@code fleet prepare db}, Redis for live queries, a TLS certificate, set up with an admin and an enroll secret.
 */
final class BenchFleet implements AutoCloseable {
    static final String ENROLL_SECRET = "bench-enroll-secret";
    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "bench-p4ssw0rd!";
    private static final Pattern SERVING = Pattern.compile("serving HTTPS \\([^)]*\\) on [^ ]*:(\\d+)");

    private final ChildProcess process;
    private final URI url;
    private final Path ca;
    private final String database;
    private final String mysqlAddress;
    private final FleetClient admin;
    private final String redisAddress;
    private final String redisPrefix;

    private BenchFleet(ChildProcess process, URI url, Path ca, String database, String mysqlAddress,
            String redisAddress, String redisPrefix, FleetClient admin) {
        this.redisAddress = redisAddress;
        this.redisPrefix = redisPrefix;
        this.process = process;
        this.url = url;
        this.ca = ca;
        this.database = database;
        this.mysqlAddress = mysqlAddress;
        this.admin = admin;
    }

    /** Starts fleet from {@code build} on database {@code kolide_bench_<name>} (dropped first if there). */
    static BenchFleet start(Path build, Path dir, String name, String mysqlAddress, String redisAddress)
            throws Exception {
        String database = "kolide_bench_" + name;
        // A prefix of this run's own: Redis keeps campaigns for days, and a campaign left by an earlier run under
        // the same id as one of this fresh database would mark its hosts as having answered already.
        String redisPrefix = database + "-" + System.currentTimeMillis() + ":";
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + mysqlAddress + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        String fleet = build.resolve("fleet").toString();
        List<String> mysql = List.of("--mysql_address", mysqlAddress, "--mysql_username", "root", "--mysql_password",
                "", "--mysql_database", database);
        List<String> prepare = new ArrayList<>(List.of(fleet, "prepare", "db", "--no-prompt"));
        prepare.addAll(mysql);
        ChildProcess.run(prepare, dir.resolve("prepare-" + name + ".log"), Duration.ofMinutes(2));

        Path tls = dir.resolve("tls");
        DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(2), Clock.systemUTC(),
                new SecureRandom()).writeTo(tls);
        List<String> serve = new ArrayList<>(List.of(fleet, "serve",
                "--server_address", "127.0.0.1:0",
                "--server_cert", tls.resolve(DevCertificates.SERVER_CERTIFICATE_FILE).toString(),
                "--server_key", tls.resolve(DevCertificates.SERVER_KEY_FILE).toString(),
                "--auth_jwt_key", "a-benchmark-signing-key-of-at-least-32-bytes",
                "--redis_address", redisAddress, "--redis_key_prefix", redisPrefix,
                "--osquery_result_log_file", dir.resolve("result-" + name + ".log").toString(),
                "--osquery_status_log_file", dir.resolve("status-" + name + ".log").toString()));
        serve.addAll(mysql);
        // fleet's own JVM options, plus a GC log to read pauses from
        ChildProcess process = ChildProcess.start(serve, dir.resolve("fleet-" + name + ".log"), Map.of("JAVA_OPTS",
                "-Xlog:gc:file=" + dir.toAbsolutePath().resolve("gc-fleet-" + name + ".log") + ":uptime"));
        try {
            int port = Integer.parseInt(process.await(SERVING, Duration.ofMinutes(2)));
            URI url = URI.create("https://localhost:" + port);
            Path ca = tls.resolve(DevCertificates.CA_FILE);
            FleetClient client = FleetClient.connect(new FleetEndpoint(url, "", ClientTrust.rootsFromPem(ca)));
            Session session = client.setup(new SetupRequest("admin", "Bench Admin", ADMIN_EMAIL, ADMIN_PASSWORD,
                    "bench", url.toString(), ENROLL_SECRET));
            return new BenchFleet(process, url, ca, database, mysqlAddress, redisAddress, redisPrefix,
                    client.withToken(session.token()));
        } catch (Exception e) {
            process.close();
            throw e;
        }
    }

    URI url() {
        return url;
    }

    Path ca() {
        return ca;
    }

    ClientTrust trust() {
        return ClientTrust.rootsFromPem(ca);
    }

    long pid() {
        return process.pid();
    }

    /** A REST client logged in as the admin. */
    FleetClient admin() {
        return admin;
    }

    Path log() {
        return process.log();
    }

    @Override
    public void close() throws Exception {
        process.close();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + mysqlAddress + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
        TestRedis.deleteKeys(RedisURI.create("redis://" + redisAddress), redisPrefix);
    }
}
