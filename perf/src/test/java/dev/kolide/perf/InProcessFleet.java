package dev.kolide.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.config.LogPlugin;
import dev.kolide.fleet.config.OsqueryConfig;
import dev.kolide.fleet.datastore.mysql.Migrations;
import dev.kolide.fleet.datastore.mysql.MysqlDatastore;
import dev.kolide.fleet.datastore.testing.TestDatabase;
import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.EnrollSecret;
import dev.kolide.fleet.livequery.NoWatcherRule;
import dev.kolide.fleet.livequery.inprocess.InProcessCampaignBus;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.launcher.LiveQueryPush;
import dev.kolide.fleet.service.livequery.BusLiveQuerySource;
import dev.kolide.fleet.service.livequery.LiveResultLog;
import dev.kolide.fleet.service.osquery.OsqueryModule;
import dev.kolide.fleet.transport.grpc.AgentApiGrpcHandler;
import dev.kolide.fleet.transport.grpc.AgentApiService;
import dev.kolide.fleet.transport.http.TestHttpServer;
import dev.kolide.fleet.transport.http.osquery.OsqueryRoutes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real fleet in the test's JVM: the osquery service on an embedded H2 database, served over HTTPS (the osquery
 * TLS API and the launcher's gRPC API on one port) by fleet's own HTTP server, with file log destinations and an
 * in-process live-query bus.
 */
final class InProcessFleet implements AutoCloseable {
    static final String SECRET = "perf-test-secret";

    private final TestDatabase database;
    private final MysqlDatastore datastore;
    private final LogDestinations logs;
    private final TestHttpServer server;
    private final Path logDirectory;
    private final InProcessCampaignBus bus;

    private InProcessFleet(TestDatabase database, MysqlDatastore datastore, LogDestinations logs,
            TestHttpServer server, Path logDirectory, InProcessCampaignBus bus) {
        this.database = database;
        this.datastore = datastore;
        this.logs = logs;
        this.server = server;
        this.logDirectory = logDirectory;
        this.bus = bus;
    }

    static InProcessFleet start(Path logDirectory) throws IOException {
        Clock clock = Clock.systemUTC();
        TestDatabase database = TestEngine.H2.create();
        new Migrations(database.database()).apply();
        MysqlDatastore datastore = new MysqlDatastore(database.database(), clock);
        datastore.enrollSecrets().apply(List.of(new EnrollSecret("default", SECRET, true)));
        Files.createDirectories(logDirectory);
        LogDestinations logs = LogDestinations.open(new OsqueryConfig(24, LogPlugin.FILESYSTEM, LogPlugin.FILESYSTEM,
                logDirectory.resolve("status.log"), logDirectory.resolve("result.log"), false, Duration.ofHours(1),
                Duration.ofHours(1), false), new PrintStream(PrintStream.nullOutputStream()), clock);
        SecureRandom random = new SecureRandom();
        // Live queries on the in-process bus: started by a test, pushed to watching hosts, answers published on it.
        InProcessCampaignBus bus = new InProcessCampaignBus(NoWatcherRule.disabled(clock));
        OsqueryModule osquery = OsqueryModule.create(datastore, logs, new BusLiveQuerySource(bus, LiveResultLog.none()),
                new NodeKeys(NodeKeys.DEFAULT_NODE_KEY_SIZE, random), random, clock, OsqueryModule.Settings.defaults());
        LauncherApi launcher = new LauncherApi(osquery.service(), () -> true, new ObjectMapper());
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "perf-test-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        LiveQueryPush push = new LiveQueryPush(bus, heartbeats,
                LiveQueryPush.DEFAULT_HEARTBEAT);
        TestHttpServer server = TestHttpServer.builder()
                .grpc(AgentApiGrpcHandler.builder().addService(new AgentApiService(launcher, push)).build())
                .setup(setup -> OsqueryRoutes.register(setup.routes(), osquery.service(), setup.codec()))
                .start();
        return new InProcessFleet(database, datastore, logs, server, logDirectory, bus);
    }

    /** The live-query bus: start a campaign on it, subscribe to its answers. */
    InProcessCampaignBus bus() {
        return bus;
    }

    MysqlDatastore datastore() {
        return datastore;
    }

    TestHttpServer server() {
        return server;
    }

    Path resultLog() {
        return logDirectory.resolve("result.log");
    }

    Path statusLog() {
        return logDirectory.resolve("status.log");
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            try {
                logs.close();
            } finally {
                database.close();
            }
        }
    }
}
