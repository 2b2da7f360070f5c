package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes between java.net.http clients and a Jetty server presenting a development certificate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientHandshakeTest {

    private final SecureRandom random = new SecureRandom();
    // The JDK checks validity against the real time, so these certificates start now.
    private final DevCertificates certificates =
            DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofHours(1), Clock.systemUTC(), random);
    private final DevCertificates otherCertificates =
            DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofHours(1), Clock.systemUTC(), random);
    // Names localhost only, while clients connect to 127.0.0.1.
    private final DevCertificates localhostOnly =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    private HttpsTestServer server;
    private HttpsTestServer localhostOnlyServer;

    @BeforeAll
    void startServers() throws Exception {
        server = HttpsTestServer.start(certificates.serverKeyMaterial(), TlsProfile.MODERN);
        localhostOnlyServer = HttpsTestServer.start(localhostOnly.serverKeyMaterial(), TlsProfile.MODERN);
    }

    @AfterAll
    void stopServers() {
        server.close();
        localhostOnlyServer.close();
    }

    @Test
    void clientTrustingTheDevCaConnects() throws Exception {
        assertThat(get(certificates.clientTrust())).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void clientTrustingTheRootPemFileConnects(@TempDir Path directory) throws Exception {
        certificates.writeTo(directory);

        ClientTrust trust = ClientTrust.rootsFromPem(directory.resolve(DevCertificates.CA_FILE));

        assertThat(get(trust)).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void clientWithSystemRootsIsRefused() {
        assertThatThrownBy(() -> get(ClientTrust.systemRoots()))
                .isInstanceOf(SSLHandshakeException.class)
                .rootCause().hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void clientTrustingAnotherCaIsRefused() {
        // Both CAs are called "Kolide development CA": the name matches, the signature does not.
        assertThatThrownBy(() -> get(otherCertificates.clientTrust()))
                .isInstanceOf(SSLHandshakeException.class)
                .rootCause().hasMessageContaining("does not chain with any of the trust anchors");
    }

    @Test
    void pinOnTheLeafPasses() throws Exception {
        ClientTrust trust = certificates.clientTrust().withPins(CertificatePins.of(certificates.server()));

        assertThat(get(trust)).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void pinOnlyOnTheCaThatTheServerDoesNotSendPasses() throws Exception {
        ClientTrust trust = certificates.clientTrust().withPins(CertificatePins.of(certificates.ca()));

        assertThat(get(trust)).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void oneMatchingPinAmongOthersPasses() throws Exception {
        CertificatePins pins = CertificatePins.parse(CertificatePins.spkiSha256Hex(otherCertificates.ca()) + ", "
                + CertificatePins.spkiSha256Hex(certificates.server()).toUpperCase());

        assertThat(get(certificates.clientTrust().withPins(pins))).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void wrongPinsAreRefusedWithNoCertificateMatched() {
        ClientTrust trust = certificates.clientTrust()
                .withPins(CertificatePins.of(otherCertificates.ca(), otherCertificates.server()));

        assertThatThrownBy(() -> get(trust))
                .isInstanceOf(SSLHandshakeException.class)
                .rootCause()
                .hasMessageContaining("no certificate matched the pins")
                .hasMessageContaining(CertificatePins.spkiSha256Hex(certificates.server()))
                .hasMessageContaining(CertificatePins.spkiSha256Hex(certificates.ca()));
    }

    @Test
    void insecureClientConnectsWithoutAnyRoots() throws Exception {
        assertThat(get(ClientTrust.insecureSkipVerification())).isEqualTo(HttpsTestServer.BODY);
    }

    @Test
    void verifyingClientRefusesACertificateThatDoesNotNameTheAddress() {
        assertThatThrownBy(() -> get(localhostOnly.clientTrust(), localhostOnlyServer))
                .isInstanceOf(SSLHandshakeException.class)
                .rootCause().hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
    }

    @Test
    void insecureClientSkipsTheHostNameCheckToo() throws Exception {
        assertThat(get(ClientTrust.insecureSkipVerification(), localhostOnlyServer)).isEqualTo(HttpsTestServer.BODY);
    }

    private String get(ClientTrust trust) throws Exception {
        return get(trust, server);
    }

    private static String get(ClientTrust trust, HttpsTestServer server) throws Exception {
        HttpClient client = HttpClientTls.configure(HttpClient.newBuilder(), trust, TlsProfile.MODERN)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(server.uri()).timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
