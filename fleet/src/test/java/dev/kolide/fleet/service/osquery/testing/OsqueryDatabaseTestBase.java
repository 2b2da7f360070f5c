package dev.kolide.fleet.service.osquery.testing;

import dev.kolide.kit.testing.MutableClock;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.config.LogPlugin;
import dev.kolide.fleet.config.OsqueryConfig;
import dev.kolide.fleet.datastore.mysql.Migrations;
import dev.kolide.fleet.datastore.mysql.MysqlDatastore;
import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.domain.OsqueryOptions;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.osquery.AuthenticatedHost;
import dev.kolide.fleet.service.osquery.EnrollRequest;
import dev.kolide.fleet.service.osquery.Enrollment;
import dev.kolide.fleet.service.osquery.LiveQuerySource;
import dev.kolide.fleet.service.osquery.OsqueryModule;
import dev.kolide.fleet.service.osquery.OsqueryService;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * Base of the osquery service tests that touch the datastore: each class runs once on the embedded H2 and once on
 * the real MariaDB (see {@link TestEngine}: skipped when unreachable, a failure when CI is set), in a database of
 * its own. Before each test the data is deleted (seeds restored and dated before {@link #T0}), the enroll secret
 * {@value #SECRET} is active as "default", the log destinations are fresh files, and {@link #osquery} is a new
 * module (empty caches) on a datastore whose statements {@link #statements} counts.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OsqueryDatabaseTestBase {
    public static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    public static final Instant SEEDED_AT = T0.minus(Duration.ofDays(365));
    public static final String SECRET = "s3cret-enroll-value";

    @Parameter
    public TestEngine engine;

    protected TestDatabase testDatabase;
    protected MutableClock clock;
    protected StatementCounter statements;
    protected MysqlDatastore ds;
    protected Jdbi sql;
    protected Path logDirectory;
    protected LogDestinations logs;
    protected OsqueryModule osquery;
    protected OsqueryService service;
    private OsqueryOptions seededOptions;
    private String skipped;

    @BeforeParameterizedClassInvocation
    void openDatabase() {
        testDatabase = null;
        skipped = null;
        try {
            testDatabase = engine.create();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
            return;
        }
        new Migrations(testDatabase.database()).apply();
        clock = new MutableClock(T0);
        statements = new StatementCounter();
        ds = new MysqlDatastore(testDatabase.database(), clock, statements);
        sql = Jdbi.create(testDatabase.database().dataSource());
        seededOptions = ds.osqueryOptions().get();
    }

    @AfterParameterizedClassInvocation
    void closeDatabase() {
        if (testDatabase != null) {
            try {
                testDatabase.close();
            } finally {
                testDatabase = null;
            }
        }
    }

    @BeforeEach
    void resetData() throws IOException {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        clock.set(T0);
        sql.useTransaction(h -> {
            for (String table : List.of("carve_blocks", "carve_metadata", "distributed_query_campaign_targets",
                    "distributed_query_campaigns", "scheduled_queries", "pack_targets", "packs", "queries",
                    "label_membership", "hosts", "sessions", "invites", "password_reset_requests", "users",
                    "enroll_secrets")) {
                h.execute("DELETE FROM " + table);
            }
            h.execute("DELETE FROM labels WHERE label_type <> 'builtin'");
            // The seeds carry the real time of migration; date them before the test clock's T0.
            h.createUpdate("UPDATE labels SET created_at = :t, updated_at = :t")
                    .bind("t", LocalDateTime.ofInstant(SEEDED_AT, ZoneOffset.UTC))
                    .execute();
        });
        ds.appConfig().save(AppConfig.defaults());
        ds.osqueryOptions().replace(seededOptions);
        ds.enrollSecrets().apply(List.of(new EnrollSecret("default", SECRET, true)));
        logDirectory = Files.createTempDirectory("fleet-osquery-logs-");
        logs = LogDestinations.open(new OsqueryConfig(24, LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM,
                statusLogFile(), resultLogFile(), false, Duration.ofHours(1), Duration.ofHours(1)),
                new PrintStream(PrintStream.nullOutputStream()), clock);
        osquery = newModule();
        service = osquery.service();
        statements.reset();
    }

    @AfterEach
    void closeLogs() throws IOException {
        if (logs != null) {
            logs.close();
            try (var files = Files.list(logDirectory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(logDirectory);
            logs = null;
        }
    }

    /** A fresh module (empty caches) on the test datastore, log destinations and clock. */
    protected OsqueryModule newModule() {
        SecureRandom random = new SecureRandom();
        return OsqueryModule.create(ds, logs, LiveQuerySource.none(), new NodeKeys(NodeKeys.DEFAULT_NODE_KEY_SIZE,
                random), random, clock, OsqueryModule.Settings.defaults());
    }

    protected Path statusLogFile() {
        return logDirectory.resolve("osqueryd.status.log");
    }

    protected Path resultLogFile() {
        return logDirectory.resolve("osqueryd.results.log");
    }

    /** Lines written to {@code file} so far. */
    protected List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enrolls through the service with the default secret and Ubuntu host details. */
    protected Enrollment enroll(String identifier, String hostname) {
        return service.enroll(new EnrollRequest(SECRET, identifier, "9", OsqueryRows.ubuntuHostDetails(hostname)));
    }

    /** Enrolls without host details, as osquery before 2.x (or a launcher) does. */
    protected Enrollment enrollBare(String identifier) {
        return service.enroll(new EnrollRequest(SECRET, identifier, "", Map.of()));
    }

    protected AuthenticatedHost authenticate(Enrollment enrollment) {
        return service.authenticate(enrollment.nodeKey());
    }
}
