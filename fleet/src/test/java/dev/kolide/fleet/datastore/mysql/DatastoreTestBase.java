package dev.kolide.fleet.datastore.mysql;

import dev.kolide.kit.testing.MutableClock;
import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.OsqueryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
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
 * The datastore suite's base: each test class runs once per {@link TestEngine}, in a database of its own
 * (created and migrated before the class, dropped after). Before each test the data is deleted again, but for
 * the seeds (built-in labels, app config, osquery options), which are put back as migrated.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatastoreTestBase {
    /** The clock's time at the start of every test. */
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    /** When the built-in labels count as created, for tests. */
    static final Instant SEEDED_AT = T0.minus(Duration.ofDays(365));

    @Parameter
    TestEngine engine;

    TestDatabase testDatabase;
    MutableClock clock;
    MysqlDatastore ds;
    Jdbi sql;
    private OsqueryOptions seededOptions;
    private String skipped;

    @BeforeParameterizedClassInvocation
    void openDatabase() {
        // With PER_CLASS one instance serves every engine's invocation: nothing may leak from the previous one.
        testDatabase = null;
        ds = null;
        sql = null;
        skipped = null;
        try {
            testDatabase = engine.create();
        } catch (TestAbortedException e) {
            // Reported by each test (as skipped) rather than once for the class, where it would vanish from counts.
            skipped = e.getMessage();
            return;
        }
        new Migrations(testDatabase.database()).apply();
        clock = new MutableClock(T0);
        ds = new MysqlDatastore(testDatabase.database(), clock);
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
    void deleteData() {
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
            // The seeds carry the real time of migration; tests run on the test clock, so date them before T0.
            h.createUpdate("UPDATE labels SET created_at = :t, updated_at = :t")
                    .bind("t", UtcInstantArgumentFactory.toUtc(SEEDED_AT))
                    .execute();
        });
        ds.appConfig().save(AppConfig.defaults());
        ds.osqueryOptions().replace(seededOptions);
    }

    /** Enrolls a host with node key "key-<identifier>". */
    Host enroll(String identifier) {
        return ds.hosts().enroll(identifier, "key-" + identifier, "default");
    }

    /** Enrolls a host and gives it a hostname and platform, as its first detail queries would. */
    Host enrollWithDetails(String hostname, String platform) {
        Host host = enroll(hostname);
        ds.hosts().saveInventory(host.id(), inventory(hostname, platform), clock.instant());
        return ds.hosts().find(host.id()).orElseThrow();
    }

    static HostInventory inventory(String hostname, String platform) {
        HostInventory empty = HostInventory.empty();
        return new HostInventory(hostname, "uuid-" + hostname, platform, empty.platformLike(), "4.5.1",
                empty.osVersion(), empty.build(), empty.codeName(), empty.uptime(), empty.physicalMemory(),
                empty.cpuType(), empty.cpuSubtype(), empty.cpuBrand(), empty.cpuPhysicalCores(),
                empty.cpuLogicalCores(), empty.hardwareVendor(), empty.hardwareModel(), empty.hardwareVersion(),
                empty.hardwareSerial(), empty.computerName(), empty.primaryIp(), empty.primaryMac());
    }
}
