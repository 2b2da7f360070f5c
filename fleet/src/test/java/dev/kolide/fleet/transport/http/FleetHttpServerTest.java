package dev.kolide.fleet.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kolide.fleet.transport.http.RawHttps.RawResponse;
import dev.kolide.fleet.transport.http.errors.ErrorStyle;
import dev.kolide.fleet.transport.http.json.JsonCodec;
import dev.kolide.fleet.transport.http.metrics.HttpMetrics;
import dev.kolide.fleet.transport.http.routing.Router;
import dev.kolide.kit.run.Actor;
import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.kit.tls.TlsProfile;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener: protocols over TLS, TLS profiles, Jetty's own errors, start, stop and the run group actor. */
@Timeout(60)
class FleetHttpServerTest {

    private static final List<String> CBC_ONLY = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");

    private static TestHttpServer.Builder pingServer() {
        return TestHttpServer.builder().routes(routes -> routes.group("/api/v1/kolide", ErrorStyle.USER_API)
                .get("/ping", request -> Map.of("pong", true)));
    }

    @Test
    void http2IsNegotiatedOverTls() {
        try (TestHttpServer server = pingServer().start()) {
            HttpResponse<String> response = server.get("/api/v1/kolide/ping");

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo("{\"pong\":true}");
        }
    }

    @Test
    void http11ClientsAreServedOnTheSamePort() {
        try (TestHttpServer server = pingServer().start()) {
            HttpResponse<String> response = server.send(server.http11Client(), server.request("/api/v1/kolide/ping"));

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).isEqualTo("{\"pong\":true}");
        }
    }

    @Test
    void theModernProfileRefusesAClientWithOnlyCbcSuites() {
        try (TestHttpServer server = pingServer().start()) {
            HttpClient cbcOnly = server.clientBuilder().sslParameters(tls12With(CBC_ONLY)).build();

            assertThatThrownBy(() -> cbcOnly.send(server.request("/api/v1/kolide/ping").build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theIntermediateProfileAcceptsCbcSuitesOverHttp11Only() throws Exception {
        try (TestHttpServer server = pingServer().options(o -> o.withTlsProfile(TlsProfile.INTERMEDIATE)).start()) {
            HttpClient cbcOnly = server.clientBuilder().sslParameters(tls12With(CBC_ONLY)).build();

            HttpResponse<String> response = cbcOnly.send(server.request("/api/v1/kolide/ping").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            // HTTP/2 forbids CBC suites, so ALPN settles on HTTP/1.1 although the client offered h2.
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void aTls11HelloIsRefusedWithAProtocolVersionAlert() throws IOException {
        // The JDK's client refuses to offer TLS 1.1 at all, so this hello is written by hand. The TLS 1.2
        // control shows the same hand-written hello is otherwise acceptable.
        try (TestHttpServer server = pingServer().start()) {
            byte[] tls11 = sendHello(server.port(), 0x0302, 0xC009);   // ECDHE_ECDSA_WITH_AES_128_CBC_SHA
            byte[] tls12 = sendHello(server.port(), 0x0303, 0xC02B);   // ECDHE_ECDSA_WITH_AES_128_GCM_SHA256

            assertThat(tls11[0]).as("record type: alert").isEqualTo((byte) 21);
            assertThat(tls11[6]).as("alert: protocol_version").isEqualTo((byte) 70);
            assertThat(tls12[0]).as("record type: handshake").isEqualTo((byte) 22);
            assertThat(tls12[5]).as("handshake: server_hello").isEqualTo((byte) 2);
        }
    }

    @Test
    void aPlaintextServerUpgradesToH2c() {
        try (TestHttpServer server = pingServer().plaintext().start()) {
            HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

            HttpResponse<String> response = server.send(plain, server.request("/api/v1/kolide/ping"));

            assertThat(server.uri("/")).hasScheme("http");
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo("{\"pong\":true}");
        }
    }

    @Test
    void headersTooLargeAreRefusedByJettyAsJson() {
        try (TestHttpServer server = pingServer().start()) {
            RawResponse response = RawHttps.exchange(server, "GET /api/v1/kolide/ping HTTP/1.1\r\nHost: fleet\r\n"
                    + "X-Big: " + "a".repeat(16 * 1024) + "\r\nConnection: close", new byte[0]);

            assertThat(response.status()).isEqualTo(431);
            assertThat(response.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
            assertThat(response.body()).startsWith("{\"message\":").doesNotContain("<html");
        }
    }

    @Test
    void thePortIsPickedWhenZeroAndReadableAfterStart() {
        try (TestHttpServer server = pingServer().start()) {
            assertThat(server.port()).isPositive();
            assertThat(server.server().uri()).hasToString("https://127.0.0.1:" + server.port());
        }
    }

    @Test
    void startingOnATakenPortFailsWithTheAddress() {
        try (TestHttpServer first = pingServer().start()) {
            assertThatThrownBy(() -> pingServer().options(o -> o.withAddress("127.0.0.1:" + first.port())).start())
                    .isInstanceOf(HttpServerException.class)
                    .hasMessage("starting the HTTP server on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void theActorServesUntilInterruptedAndLetsARequestInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DevCertificates certificates = newCertificates();
        FleetHttpServer server = newServer(certificates, routes -> routes.group("/api/v1/kolide", ErrorStyle.USER_API)
                .get("/slow", request -> {
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return Map.of("finished", true);
                }));
        Actor actor = server.actor();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                actor.execute();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "actor-under-test");
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.port() > 0);
        int port = server.port();
        // HTTP/1.1: JDK 17's HTTP/2 client fails its open streams on the GOAWAY a graceful stop sends, although
        // GOAWAY lets the streams already started finish.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificates.clientTrust().sslContext()).build();

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/v1/kolide/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("handler entered").isTrue();
        actor.interrupt(new CancellationException("test over"));

        // New connections are refused while the request in flight is still being served...
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
        assertThat(inFlight).isNotDone();
        // ...and once it finishes, it is answered and the actor returns.
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"finished\":true}");
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void anActorInterruptedBeforeItRunsReturnsWithoutServing() throws Exception {
        FleetHttpServer server = newServer(newCertificates(), routes -> {});
        Actor actor = server.actor();

        actor.interrupt(new CancellationException("another actor ended first"));
        actor.execute();

        assertThat(server.port()).isEqualTo(-1);
    }

    private static SSLParameters tls12With(List<String> suites) {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.2"});
        parameters.setCipherSuites(suites.toArray(String[]::new));
        return parameters;
    }

    private static DevCertificates newCertificates() {
        return DevCertificates.generate(List.of("127.0.0.1"), Duration.ofHours(1), Clock.systemUTC(),
                new SecureRandom());
    }

    private static FleetHttpServer newServer(DevCertificates certificates,
            java.util.function.Consumer<Router.Builder> routes) {
        JsonCodec codec = new JsonCodec();
        HttpMetrics metrics = new HttpMetrics(new PrometheusRegistry());
        Router.Builder router = Router.builder(codec, metrics);
        routes.accept(router);
        return new FleetHttpServer(HttpServerOptions.tls(certificates.serverKeyMaterial())
                .withAddress("127.0.0.1:0").withStopTimeout(Duration.ofSeconds(10)).withMaxThreads(16),
                router.build(), metrics);
    }

    /**
     * Sends a minimal TLS ClientHello ({@code version} 0x0302 = TLS 1.1, 0x0303 = TLS 1.2) offering one ECDHE
     * suite on P-256, and returns the first bytes of the server's answer.
     */
    private static byte[] sendHello(int port, int version, int suite) throws IOException {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.write(version >> 8);
        hello.write(version);
        hello.writeBytes(new SecureRandom().generateSeed(32));
        hello.write(0);                                     // no session id
        hello.writeBytes(new byte[] {0, 2, (byte) (suite >> 8), (byte) suite});
        hello.writeBytes(new byte[] {1, 0});                // null compression only
        byte[] extensions = {
            0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,   // supported_groups: secp256r1
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,               // ec_point_formats: uncompressed
            0x00, 0x0d, 0x00, 0x06, 0x00, 0x04, 0x04, 0x03, 0x08, 0x04};  // signature_algorithms
        hello.write(extensions.length >> 8);
        hello.write(extensions.length);
        hello.writeBytes(extensions);
        byte[] body = hello.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {22, 3, 1});           // handshake record, TLS 1.0 on the record layer
        record.write((body.length + 4) >> 8);
        record.write(body.length + 4);
        record.writeBytes(new byte[] {1, 0, (byte) (body.length >> 8), (byte) body.length});  // client_hello
        record.writeBytes(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(record.toByteArray());
            out.flush();
            byte[] answer = new byte[7];
            new DataInputStream(socket.getInputStream()).readFully(answer);
            return answer;
        }
    }
}
