package dev.kolide.fleet.service.api;

import dev.kolide.kit.testing.MutableClock;
import dev.kolide.fleet.auth.LoginRateLimiter;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.datastore.mysql.Migrations;
import dev.kolide.fleet.datastore.mysql.MysqlDatastore;
import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.AppConfig;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.domain.OsqueryOptions;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import dev.kolide.fleet.service.api.sessions.SessionIssuer;
import dev.kolide.fleet.service.api.users.NewUserInput;
import dev.kolide.fleet.service.api.users.UserAccounts;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/**
 * A real datastore (H2 or MariaDB, migrated) with the REST API's services over it, for service and HTTP tests.
 * bcrypt runs at cost 4 here; the clock is the test's. {@link #reset()} empties every table but the seeds.
 */
public final class ApiTestEnvironment implements AutoCloseable {
    /** The clock's time after every reset. */
    public static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    /** Every fixture user's password: follows Kolide's rule. */
    public static final String PASSWORD = "fleet-Passw0rd!";
    public static final String JWT_KEY = "a-test-jwt-key-of-at-least-thirty-two-bytes";
    public static final Duration SESSION_DURATION = Duration.ofDays(90);
    public static final int TEST_BCRYPT_COST = 4;

    private final TestDatabase database;
    private final Jdbi sql;
    private final OsqueryOptions seededOptions;
    private final MutableClock clock;
    private final MysqlDatastore datastore;
    private final SessionTokens tokens;
    private final PasswordHasher hasher;
    private final LoginRateLimiter rateLimiter;
    private final List<Long> deletedHosts = new CopyOnWriteArrayList<>();
    private final ApiServices services;

    private ApiTestEnvironment(TestDatabase database, int bcryptCost) {
        this.database = database;
        new Migrations(database.database()).apply();
        this.sql = Jdbi.create(database.database().dataSource());
        this.clock = new MutableClock(T0);
        this.datastore = new MysqlDatastore(database.database(), clock);
        this.seededOptions = datastore.osqueryOptions().get();
        SecureRandom random = new SecureRandom();
        this.tokens = new SessionTokens(JWT_KEY, SessionTokens.DEFAULT_SESSION_KEY_SIZE, SESSION_DURATION, random,
                clock);
        this.hasher = new PasswordHasher(bcryptCost, PasswordHasher.DEFAULT_SALT_KEY_SIZE, random);
        this.rateLimiter = new LoginRateLimiter(clock);
        this.services = ApiServices.create(datastore, hasher, tokens, rateLimiter, SESSION_DURATION, clock, random,
                deletedHosts::add);
    }

    /** A new, migrated database on {@code engine} with services at bcrypt cost 4. */
    public static ApiTestEnvironment open(TestEngine engine) {
        return open(engine, TEST_BCRYPT_COST);
    }

    public static ApiTestEnvironment open(TestEngine engine, int bcryptCost) {
        return new ApiTestEnvironment(engine.create(), bcryptCost);
    }

    /** Deletes all data but the seeds (put back as migrated), forgets deleted hosts, sets the clock to T0. */
    public void reset() {
        clock.set(T0);
        deletedHosts.clear();
        sql.useTransaction(h -> {
            for (String table : List.of("carve_blocks", "carve_metadata", "distributed_query_campaign_targets",
                    "distributed_query_campaigns", "scheduled_queries", "pack_targets", "packs", "queries",
                    "label_membership", "hosts", "sessions", "invites", "password_reset_requests", "users",
                    "enroll_secrets")) {
                h.execute("DELETE FROM " + table);
            }
            h.execute("DELETE FROM labels WHERE label_type <> 'builtin'");
        });
        datastore.appConfig().save(AppConfig.defaults());
        datastore.osqueryOptions().replace(seededOptions);
    }

    public MutableClock clock() {
        return clock;
    }

    public MysqlDatastore datastore() {
        return datastore;
    }

    public ApiServices services() {
        return services;
    }

    public SessionTokens tokens() {
        return tokens;
    }

    public Jdbi sql() {
        return sql;
    }

    /** Ids the host service reported deleted through its onHostDeleted callback, in order. */
    public List<Long> deletedHosts() {
        return List.copyOf(deletedHosts);
    }

    /** A user with password {@link #PASSWORD} and email {@code <username>@example.com}. */
    public User createUser(String username, UserRole role) {
        return new UserAccounts(datastore.users(), hasher).create("", new NewUserInput(username,
                "Name of " + username, username + "@example.com", PASSWORD, "", "", null, null, null), role);
    }

    /** A new session for {@code user}, as its bearer token. */
    public String tokenFor(User user) {
        return new SessionIssuer(datastore.sessions(), tokens).issue(user);
    }

    /** A viewer for {@code user} with a session of its own. */
    public Viewer viewerFor(User user) {
        return services.sessions().authenticate(tokenFor(user));
    }

    /** Enrolls a host and reports its details as its first check-in would: seen now, online for 10 s + 30 s. */
    public Host enrollHost(String hostname, String platform) {
        Host host = datastore.hosts().enroll("id-" + hostname, "node-key-" + hostname, "default");
        datastore.hosts().saveInventory(host.id(), inventory(hostname, platform), clock.instant());
        datastore.hosts().saveIntervals(host.id(), new HostIntervals(10, 10, 10));
        return datastore.hosts().find(host.id()).orElseThrow();
    }

    public static HostInventory inventory(String hostname, String platform) {
        return new HostInventory(hostname, "uuid-" + hostname, platform, "debian", "4.5.1", "Ubuntu 20.04.1",
                "", "focal", Duration.ofSeconds(3600), 2_084_032_512L, "x86_64", "6", "Intel(R) Xeon(R)", 2, 4,
                "QEMU", "Standard PC", "pc-1.0", "SERIAL-" + hostname, hostname, "10.0.0.7", "52:54:00:12:34:56");
    }

    @Override
    public void close() {
        database.close();
    }
}
