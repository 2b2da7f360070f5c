package dev.kolide.fleet.transport.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kolide.fleet.transport.http.errors.ExceptionMappings;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.kit.tls.HttpClientTls;
import dev.kolide.kit.tls.TlsProfile;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;

/**
 * A {@link FleetHttpServer} on 127.0.0.1 and a free port, presenting a fresh development certificate, and
 * java.net.http clients that trust it. For any test in the fleet module that needs real HTTPS:
 *
 * <pre>{@code
 * try (TestHttpServer server = TestHttpServer.builder()
 *         .routes(routes -> routes.group("/api/v1/kolide", ErrorStyle.USER_API).get("/ping", r -> Map.of("ok", true)))
 *         .start()) {
 *     HttpResponse<String> response = server.get("/api/v1/kolide/ping");
 * }
 * }</pre>
 */
public final class TestHttpServer implements AutoCloseable {

    private final FleetHttpServer server;
    private final DevCertificates certificates;
    private final PrometheusRegistry registry;
    private final JsonCodec codec;
    private final HttpClient client;
    private final HttpClient http11Client;
    private final ObjectMapper json = new ObjectMapper();

    private TestHttpServer(FleetHttpServer server, DevCertificates certificates, PrometheusRegistry registry,
            JsonCodec codec) {
        this.server = server;
        this.certificates = certificates;
        this.registry = registry;
        this.codec = codec;
        this.client = newClient(HttpClient.Version.HTTP_2);
        this.http11Client = newClient(HttpClient.Version.HTTP_1_1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client that trusts the server's CA, offers the modern profile and prefers HTTP/2. */
    public HttpClient client() {
        return client;
    }

    /** The same, speaking HTTP/1.1 only. */
    public HttpClient http11Client() {
        return http11Client;
    }

    /** A new client builder that trusts the server's CA (no profile or version set), for unusual clients. */
    public HttpClient.Builder clientBuilder() {
        return HttpClient.newBuilder()
                .sslContext(certificates.clientTrust().sslContext())
                .connectTimeout(Duration.ofSeconds(5));
    }

    public URI uri(String pathAndQuery) {
        return URI.create(server.uri() + pathAndQuery);
    }

    public int port() {
        return server.port();
    }

    public FleetHttpServer server() {
        return server;
    }

    public DevCertificates certificates() {
        return certificates;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public JsonCodec codec() {
        return codec;
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public HttpResponse<String> postJson(String pathAndQuery, String json) {
        return send(request(pathAndQuery)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(client, request);
    }

    public HttpResponse<String> send(HttpClient with, HttpRequest.Builder request) {
        try {
            return with.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("sending a request to the test server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test server", e);
        }
    }

    /** A response body as a JSON tree. */
    public JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("parsing the response body as JSON: " + response.body(), e);
        }
    }

    /**
     * Stops the server. A graceful stop that times out (seen now and then on a loaded machine, with every response
     * already received by the test) is reported, not failed: the test's assertions are what counts.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (HttpServerException e) {
            if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) {
                throw e;
            }
            System.err.println("TestHttpServer: graceful stop timed out; stopped anyway");
        }
    }

    private HttpClient newClient(HttpClient.Version version) {
        return HttpClientTls.configure(HttpClient.newBuilder(), certificates.clientTrust(), TlsProfile.MODERN)
                .version(version)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** What a test's routes may need: the router being built, and the codec and registry the server uses. */
    public record Setup(Router.Builder routes, JsonCodec codec, PrometheusRegistry registry) {}

    public static final class Builder {
        private Consumer<Setup> setup = setup -> {};
        private UnaryOperator<HttpServerOptions> options = UnaryOperator.identity();
        private ExceptionMappings mappings = ExceptionMappings.none();
        private Logger errorLog;
        private Handler grpc;
        private boolean tls = true;

        private Builder() {}

        /** Registers the test's routes. */
        public Builder routes(Consumer<Router.Builder> routes) {
            requireNonNull(routes, "routes is null");
            return setup(setup -> routes.accept(setup.routes()));
        }

        /** Registers the test's routes, for routes that need the server's codec or metrics registry. */
        public Builder setup(Consumer<Setup> setup) {
            this.setup = requireNonNull(setup, "setup is null");
            return this;
        }

        /** Changes the options after the test defaults (TLS, 127.0.0.1:0, modern) are set. */
        public Builder options(UnaryOperator<HttpServerOptions> options) {
            this.options = requireNonNull(options, "options is null");
            return this;
        }

        public Builder exceptionMappings(ExceptionMappings mappings) {
            this.mappings = requireNonNull(mappings, "mappings is null");
            return this;
        }

        public Builder errorLog(Logger errorLog) {
            this.errorLog = requireNonNull(errorLog, "errorLog is null");
            return this;
        }

        public Builder grpc(Handler grpc) {
            this.grpc = requireNonNull(grpc, "grpc is null");
            return this;
        }

        /** Plain HTTP (with h2c) instead of HTTPS; the clients still carry the TLS settings, unused. */
        public Builder plaintext() {
            this.tls = false;
            return this;
        }

        public TestHttpServer start() {
            // The JDK checks validity against the real time, so the certificates start now.
            DevCertificates certificates = DevCertificates.generate(List.of("localhost", "127.0.0.1"),
                    Duration.ofHours(1), Clock.systemUTC(), new SecureRandom());
            JsonCodec codec = new JsonCodec();
            PrometheusRegistry registry = new PrometheusRegistry();
            HttpMetrics metrics = new HttpMetrics(registry);
            Router.Builder router = Router.builder(codec, metrics).exceptionMappings(mappings);
            if (errorLog != null) {
                router.errorLog(errorLog);
            }
            setup.accept(new Setup(router, codec, registry));
            HttpServerOptions base = (tls ? HttpServerOptions.tls(certificates.serverKeyMaterial())
                    : HttpServerOptions.plaintext())
                    .withAddress("127.0.0.1:0")
                    .withStopTimeout(Duration.ofSeconds(2))
                    .withMaxThreads(16);
            FleetHttpServer server = new FleetHttpServer(options.apply(base), router.build(), metrics, grpc);
            server.start();
            return new TestHttpServer(server, certificates, registry, codec);
        }
    }
}
