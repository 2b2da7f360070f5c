package dev.kolide.launcher.client.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.tls.CertificatePins;
import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.launcher.client.ClientOptions;
import dev.kolide.launcher.service.ServiceUnavailableException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS trust as launcher's flags configure it, against a server with a development CA's certificate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcKolideClientTlsTest {

    private final SecureRandom random = new SecureRandom();
    private final DevCertificates certificates = generate();
    private final DevCertificates stranger = generate();
    private JsonRpcTestServer server;
    private Path caPem;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        server = JsonRpcTestServer.tls(certificates.serverKeyMaterial().sslContext());
        server.result("{\"status\":1}");
        certificates.writeTo(directory);
        caPem = directory.resolve(DevCertificates.CA_FILE);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void rootPemTrustsTheDevelopmentCa() {
        assertThat(healthWith(ClientOptions.builder(localhost()).rootPem(caPem))).isTrue();
    }

    @Test
    void aMatchingPinPasses() {
        assertThat(healthWith(ClientOptions.builder(localhost()).rootPem(caPem)
                .certPins(List.of(CertificatePins.spkiSha256Hex(certificates.ca()))))).isTrue();
    }

    @Test
    void aPinMatchingNothingInTheChainFails() {
        assertRefused(ClientOptions.builder(localhost()).rootPem(caPem)
                .certPins(List.of(CertificatePins.spkiSha256Hex(stranger.ca()))));
    }

    @Test
    void theSystemRootsDoNotTrustTheDevelopmentCa() {
        assertRefused(ClientOptions.builder(localhost()));
    }

    @Test
    void insecureSkipsVerification() {
        assertThat(healthWith(ClientOptions.builder(localhost()).insecure(true))).isTrue();
    }

    @Test
    void aServerNameNotInTheCertificateFails() {
        assertRefused(ClientOptions.builder("127.0.0.1:" + server.port()).rootPem(caPem));
    }

    private boolean healthWith(ClientOptions.Builder options) {
        return new JsonRpcKolideClient(options.requestTimeout(Duration.ofSeconds(10)).build()).checkHealth("k");
    }

    private void assertRefused(ClientOptions.Builder options) {
        assertThatThrownBy(() -> healthWith(options))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("CheckHealth to ")
                .hasMessageContaining("SSLHandshakeException");
    }

    private String localhost() {
        return "localhost:" + server.port();
    }

    private DevCertificates generate() {
        return DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    }
}
