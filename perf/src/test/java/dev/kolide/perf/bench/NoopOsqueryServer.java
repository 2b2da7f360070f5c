package dev.kolide.perf.bench;

import dev.kolide.fleet.transport.http.FleetHttpServer;
import dev.kolide.fleet.transport.http.HttpServerOptions;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.osquery.OsqueryRoutes;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.tls.ServerKeyMaterial;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;

/**
 * fleet's HTTPS server (same Jetty set-up, handler chain, routes and JSON codec as {@code fleet serve}) in front of
 * the {@link NoopOsqueryService}, as a program of its own so that its CPU is measured apart from the simulator's.
 * Arguments: the server certificate and key (PEM). Prints {@code noop serving on port N} once it serves.
 */
public final class NoopOsqueryServer {
    private NoopOsqueryServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: NoopOsqueryServer <server.pem> <server.key>");
            System.exit(2);
        }
        JsonCodec codec = new JsonCodec();
        HttpMetrics metrics = new HttpMetrics(new PrometheusRegistry());
        Router.Builder routes = Router.builder(codec, metrics);
        OsqueryRoutes.register(routes, new NoopOsqueryService(codec.objectMapper()), codec);
        HttpServerOptions options = HttpServerOptions.tls(ServerKeyMaterial.fromPemFiles(Path.of(args[0]),
                Path.of(args[1]))).withAddress("127.0.0.1:0");
        FleetHttpServer server = new FleetHttpServer(options, routes.build(), metrics);
        server.start();
        System.out.println("noop serving on port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
