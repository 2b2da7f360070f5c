package dev.kolide.cmd.fleet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.auth.LoginRateLimiter;
import dev.kolide.fleet.auth.NodeKeys;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.config.FleetConfig;
import dev.kolide.fleet.config.ServerConfig;
import dev.kolide.fleet.datastore.mysql.Database;
import dev.kolide.fleet.datastore.mysql.Migrations;
import dev.kolide.fleet.datastore.mysql.MysqlDatastore;
import dev.kolide.fleet.logging.LogDestinations;
import dev.kolide.fleet.logging.PosixHangupSignal;
import dev.kolide.fleet.service.api.ApiServices;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.redis.RedisCampaignBus;
import dev.kolide.fleet.service.livequery.BusLiveQuerySource;
import dev.kolide.fleet.service.livequery.CampaignReaper;
import dev.kolide.fleet.service.livequery.DefaultLiveQueryService;
import dev.kolide.fleet.service.livequery.LiveQueryService;
import dev.kolide.fleet.service.livequery.LiveResultLog;
import dev.kolide.fleet.service.osquery.OsqueryModule;
import dev.kolide.fleet.transport.http.api.ApiExceptionMappings;
import dev.kolide.fleet.transport.http.api.ApiRouteGroup;
import dev.kolide.fleet.transport.http.api.ApiRoutes;
import dev.kolide.fleet.transport.http.api.Authenticator;
import dev.kolide.fleet.transport.http.api.livequery.LiveQueryRoutes;
import dev.kolide.fleet.transport.http.api.livequery.LiveResultsWebSocket;
import dev.kolide.fleet.transport.http.errors.ExceptionMappings;
import dev.kolide.fleet.transport.http.osquery.OsqueryRoutes;
import dev.kolide.fleet.transport.http.routing.RouteGroup;
import dev.kolide.fleet.transport.jsonrpc.JsonRpcRoutes;
import dev.kolide.fleet.transport.grpc.AgentApiGrpcHandler;
import dev.kolide.fleet.transport.grpc.AgentApiService;
import dev.kolide.fleet.service.launcher.LauncherApi;
import dev.kolide.fleet.service.launcher.LiveQueryPush;
import org.eclipse.jetty.server.Handler;
import dev.kolide.fleet.transport.http.FleetHttpServer;
import dev.kolide.fleet.transport.http.HttpServerOptions;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.ops.OperationalEndpoints;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.health.HealthChecks;
import dev.kolide.kit.run.Resources;
import dev.kolide.kit.run.RunGroup;
import dev.kolide.kit.run.SignalActor;
import dev.kolide.kit.tls.ServerKeyMaterial;
import dev.kolide.kit.version.BuildInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fleet's composition root: builds every object {@code fleet serve} runs with, from the configuration, and runs
 * them as one group. Nothing here holds business rules; it only connects the parts.
 */
final class FleetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetServer.class);

    private final Resources resources;
    private final RunGroup group;

    private FleetServer(Resources resources, RunGroup group) {
        this.resources = resources;
        this.group = group;
    }

    static FleetServer assemble(FleetConfig config, BuildInfo buildInfo, Clock clock, SecureRandom random,
            PrintStream stdout) {
        requireNonNull(config, "config is null");
        Resources resources = new Resources();
        try {
            Database database = Datastores.open(config);
            resources.add(database);
            Migrations migrations = new Migrations(database);
            if (config.dev().enabled()) {
                // --dev keeps its own embedded database current; production runs `fleet prepare db` on purpose.
                migrations.apply().forEach(m -> LOG.info("applied migration {}", m));
            } else {
                migrations.requireUpToDate();
            }
            MysqlDatastore datastore = new MysqlDatastore(database, clock);

            LogDestinations logs = LogDestinations.open(config.osquery(), stdout, clock);
            resources.add(logs);
            resources.add(logs.reopenOnHangup(new PosixHangupSignal()));

            // Live queries: campaigns fan out through the bus, in memory under --dev.
            CampaignBus bus = LiveQueryBuses.open(config, clock);
            resources.add(bus);
            LiveResultLog liveResultLog = config.osquery().logLiveQueryResults()
                    ? LiveResultLog.to(logs.result(), new ObjectMapper(), clock) : LiveResultLog.none();

            // The osquery side: enrollment, config, logs, distributed queries, carving; caches and batchers.
            OsqueryModule osquery = OsqueryModule.create(datastore, logs, new BusLiveQuerySource(bus, liveResultLog),
                    new NodeKeys(config.osquery().nodeKeySize(), random), random, clock,
                    OsqueryModule.Settings.from(config.osquery()));
            // The REST API for people; deleting a host there evicts its node key from the osquery side's cache.
            ApiServices api = ApiServices.create(datastore,
                    new PasswordHasher(config.auth().bcryptCost(), config.auth().saltKeySize(), random),
                    new SessionTokens(config.auth().jwtKey().reveal(), config.session().keySize(),
                            config.session().duration(), random, clock),
                    new LoginRateLimiter(clock), config.session().duration(), clock, random, osquery::evictHost);

            PrometheusRegistry registry = new PrometheusRegistry();
            HttpMetrics metrics = new HttpMetrics(registry);
            JsonCodec codec = new JsonCodec();
            ExceptionMappings.Builder mappings = ExceptionMappings.builder();
            ApiExceptionMappings.addServiceMappings(mappings);
            ApiExceptionMappings.addDatastoreMappings(mappings);
            Router.Builder routes = Router.builder(codec, metrics).exceptionMappings(mappings.build());
            String prefix = config.server().urlPrefix();
            HealthChecks health = HealthChecks.builder().add("datastore", datastore::ping).build();
            RouteGroup root = routes.group("", ErrorStyle.USER_API);
            OperationalEndpoints.register(root, health, buildInfo, registry, codec.objectMapper());
            OsqueryRoutes.register(routes, osquery.service(), codec);
            // The launcher's API, over JSON-RPC (POST /) and gRPC on the same port, on the same osquery service.
            LauncherApi launcherApi = new LauncherApi(osquery.service(), () -> health.run().healthy(),
                    codec.objectMapper());
            JsonRpcRoutes.register(root, launcherApi, codec.objectMapper());
            // One ticker for the live-results socket's status lines and the launchers' stream heartbeats.
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("live-query-ticker"));
            resources.add(ticker::shutdownNow);
            // New live queries are written to the launchers' streams here, so that queries/run need not wait.
            ExecutorService pushing = Executors.newFixedThreadPool(2, daemon("live-query-push"));
            resources.add(pushing::shutdownNow);
            LiveQueryPush push = new LiveQueryPush(bus, ticker, LiveQueryPush.DEFAULT_HEARTBEAT, pushing);
            Handler grpc = AgentApiGrpcHandler.builder().addService(new AgentApiService(launcherApi, push)).build();
            ApiRoutes.Registration registration = ApiRoutes.register(routes, api);
            // Watchers' answers get their hosts loaded in batches here, off the bus's delivery thread.
            ExecutorService liveResults = Executors.newFixedThreadPool(2, daemon("live-query-results"));
            resources.add(liveResults::shutdownNow);
            LiveQueryService liveQueries = new DefaultLiveQueryService(datastore, bus, clock, liveResults);
            Authenticator authenticator = new Authenticator(api.sessions());
            new LiveQueryRoutes(liveQueries, authenticator, new LiveResultsWebSocket(liveQueries, authenticator,
                    codec.objectMapper(), ticker, LiveResultsWebSocket.DEFAULT_STATUS_INTERVAL))
                    .register(new ApiRouteGroup(registration.api()));

            HttpServerOptions options = serverOptions(config, clock, random);
            FleetHttpServer http = new FleetHttpServer(options, routes.build(), metrics, grpc);
            resources.add(http);

            RunGroup group = new RunGroup();
            group.add("signals", SignalActor.onShutdownSignals());
            // Stopped in this order: the listener first, then the batchers flush what it took in.
            group.add("http", http.actor());
            osquery.actors().forEach(group::add);
            group.add("live-query-reaper", new CampaignReaper(bus, datastore.campaigns(), clock,
                    CampaignReaper.DEFAULT_TIMEOUT).actor(CampaignReaper.DEFAULT_INTERVAL));
            if (bus instanceof RedisCampaignBus redis) {
                group.add("live-query-resync", redis.resyncActor(LiveQueryBuses.RESYNC_INTERVAL));
            }
            LOG.atInfo().addKeyValue("address", config.server().address())
                    .addKeyValue("tls", options.tlsEnabled())
                    .addKeyValue("datastore", database.description())
                    .addKeyValue("dev", config.dev().enabled())
                    .addKeyValue("url_prefix", prefix)
                    .log("fleet starting");
            return new FleetServer(resources, group);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static HttpServerOptions serverOptions(FleetConfig config, Clock clock, SecureRandom random) {
        ServerConfig server = config.server();
        HttpServerOptions options;
        if (!server.tls()) {
            options = HttpServerOptions.plaintext();
        } else if (config.dev().enabled()) {
            options = HttpServerOptions.tls(DevTls.keyMaterial(config.dev().dataDir().resolve("tls"), clock, random));
        } else {
            options = HttpServerOptions.tls(ServerKeyMaterial.fromPemFiles(server.cert(), server.key()));
        }
        return options.withAddress(server.address().toString()).withTlsProfile(server.tlsCompatibility());
    }

    /** Runs until a shutdown signal or until a part fails; rethrows what ended the group. */
    void run() throws Exception {
        group.run();
    }

    @Override
    public void close() {
        resources.close();
    }

    /** Threads named for thread dumps, not keeping the JVM alive at shutdown. */
    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
