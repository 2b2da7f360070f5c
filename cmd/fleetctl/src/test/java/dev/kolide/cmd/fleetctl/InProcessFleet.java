package dev.kolide.cmd.fleetctl;

import dev.kolide.fleet.auth.LoginRateLimiter;
import dev.kolide.fleet.auth.PasswordHasher;
import dev.kolide.fleet.auth.SessionTokens;
import dev.kolide.fleet.datastore.mysql.Database;
import dev.kolide.fleet.datastore.mysql.Migrations;
import dev.kolide.fleet.datastore.mysql.MysqlDatastore;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.HostIntervals;
import dev.kolide.fleet.domain.HostInventory;
import dev.kolide.fleet.service.api.ApiServices;
import dev.kolide.fleet.transport.http.FleetHttpServer;
import dev.kolide.fleet.transport.http.HttpServerOptions;
import dev.kolide.fleet.transport.http.api.ApiExceptionMappings;
import dev.kolide.fleet.transport.http.api.ApiRoutes;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.tls.DevCertificates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * fleet's REST API as {@code fleet serve --dev} wires it (embedded H2, migrated; HTTPS with a fresh dev CA written
 * to {@code dir/tls/ca.pem}), in this JVM: fleetctl's tests drive it the way a user's fleetctl would. Built from
 * the fleet module's own classes, so no other program has to be packaged first.
 */
final class InProcessFleet implements AutoCloseable {
    private final Database database;
    private final MysqlDatastore datastore;
    private final FleetHttpServer server;
    private final Path caFile;
    private final Clock clock = Clock.systemUTC();

    InProcessFleet(Path dir) {
        SecureRandom random = new SecureRandom();
        database = Database.embedded(dir.resolve("db"));
        new Migrations(database).apply();
        datastore = new MysqlDatastore(database, clock);
        ApiServices services = ApiServices.create(datastore, new PasswordHasher(4, 24, random),
                new SessionTokens("a-test-jwt-key-of-at-least-thirty-two-bytes", 64, Duration.ofDays(1), random,
                        clock),
                new LoginRateLimiter(clock), Duration.ofDays(1), clock, random, id -> { });
        DevCertificates certificates = DevCertificates.generate(List.of("localhost", "127.0.0.1"),
                Duration.ofHours(1), clock, random);
        certificates.writeTo(dir.resolve("tls"));
        caFile = dir.resolve("tls").resolve(DevCertificates.CA_FILE);
        HttpMetrics metrics = new HttpMetrics(new PrometheusRegistry());
        Router.Builder routes = Router.builder(new JsonCodec(), metrics)
                .exceptionMappings(ApiExceptionMappings.create());
        ApiRoutes.register(routes, services);
        server = new FleetHttpServer(HttpServerOptions.tls(certificates.serverKeyMaterial())
                .withAddress("127.0.0.1:0").withStopTimeout(Duration.ofSeconds(2)).withMaxThreads(16),
                routes.build(), metrics);
        server.start();
    }

    String address() {
        return "https://localhost:" + server.port();
    }

    Path caFile() {
        return caFile;
    }

    /** A host as its first check-in leaves it. */
    Host enrollHost(String hostname, String platform) {
        Host host = datastore.hosts().enroll("id-" + hostname, "node-key-" + hostname, "default");
        datastore.hosts().saveInventory(host.id(), new HostInventory(hostname, "uuid-" + hostname, platform,
                "debian", "5.10.2", "Ubuntu 22.04.3 LTS", "", "jammy", Duration.ofSeconds(3600), 8_589_934_592L,
                "x86_64", "6", "Intel(R) Xeon(R)", 2, 4, "QEMU", "Standard PC", "pc-1.0", "SERIAL-" + hostname,
                hostname, "10.0.0.7", "52:54:00:12:34:56"), clock.instant());
        datastore.hosts().saveIntervals(host.id(), new HostIntervals(10, 10, 10));
        return host;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
