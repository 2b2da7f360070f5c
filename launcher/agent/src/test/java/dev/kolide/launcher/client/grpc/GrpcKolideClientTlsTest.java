package dev.kolide.launcher.client.grpc;

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

/** TLS as launcher's flags configure it, against a gRPC server with a development CA's certificate for localhost. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcKolideClientTlsTest {

    private final SecureRandom random = new SecureRandom();
    private final DevCertificates certificates = generate();
    private final DevCertificates stranger = generate();

    private GrpcTestServer server;
    private Path caPem;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        server = GrpcTestServer.tls(certificates.serverKeyMaterial());
        certificates.writeTo(directory);
        caPem = directory.resolve(DevCertificates.CA_FILE);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void rootPemTrustsTheDevelopmentCa() {
        assertThat(healthWith(ClientOptions.builder(localhost()).rootPem(caPem))).isTrue();
    }

    @Test
    void aPinOnTheCaPasses() {
        assertThat(healthWith(ClientOptions.builder(localhost()).rootPem(caPem)
                .certPins(List.of(CertificatePins.spkiSha256Hex(certificates.ca()))))).isTrue();
    }

    @Test
    void aPinOnTheLeafPassesAmongOthers() {
        assertThat(healthWith(ClientOptions.builder(localhost()).rootPem(caPem).certPins(List.of(
                CertificatePins.spkiSha256Hex(stranger.ca()),
                CertificatePins.spkiSha256Hex(certificates.server()))))).isTrue();
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
        // The certificate names localhost only; 127.0.0.1 reaches the same server under another name.
        assertRefused(ClientOptions.builder("127.0.0.1:" + server.port()).rootPem(caPem));
    }

    @Test
    void plaintextAgainstTlsFails() {
        assertRefused(ClientOptions.builder(localhost()).insecureTransport(true));
    }

    private boolean healthWith(ClientOptions.Builder options) {
        try (GrpcKolideClient client = new GrpcKolideClient(options.requestTimeout(Duration.ofSeconds(10)).build())) {
            return client.checkHealth("k");
        }
    }

    private void assertRefused(ClientOptions.Builder options) {
        assertThatThrownBy(() -> healthWith(options))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("CheckHealth to ")
                .hasMessageContaining(" failed: UNAVAILABLE");
    }

    private String localhost() {
        return "localhost:" + server.port();
    }

    private DevCertificates generate() {
        return DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    }
}
