package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTrustTest {

    private final DevCertificates certificates =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), new SecureRandom());

    @Test
    void givenRootsReplaceTheSystemRoots() {
        assertThat(ClientTrust.roots(List.of(certificates.ca())).trustManager().getAcceptedIssuers())
                .containsExactly(certificates.ca());
        assertThat(ClientTrust.systemRoots().trustManager().getAcceptedIssuers())
                .isNotEmpty()
                .doesNotContain(certificates.ca());
    }

    @Test
    void pinsWrapTheVerifyingTrustManager() {
        ClientTrust trust = certificates.clientTrust().withPins(CertificatePins.of(certificates.ca()));

        assertThat(trust.trustManager()).isInstanceOf(PinningTrustManager.class);
        assertThat(trust.pins()).isEqualTo(CertificatePins.of(certificates.ca()));
        assertThat(certificates.clientTrust().trustManager()).isNotInstanceOf(PinningTrustManager.class);
    }

    @Test
    void insecureModeCannotTakePins() {
        ClientTrust insecure = ClientTrust.insecureSkipVerification();

        assertThatThrownBy(() -> insecure.withPins(CertificatePins.of(certificates.ca())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate pins cannot be combined with insecure mode");
        assertThat(insecure.withPins(CertificatePins.none()).isInsecure()).isTrue();
        assertThat(insecure).hasToString("any server (insecure: verification skipped)");
    }

    @Test
    void noRootsAtAllIsRefused() {
        assertThatThrownBy(() -> ClientTrust.roots(List.of()))
                .hasMessage("no root certificates given: a client would trust no server");
    }

    @Test
    void missingRootPemFileIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("roots.pem");

        assertThatThrownBy(() -> ClientTrust.rootsFromPem(missing))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("reading certificates from " + missing)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }
}
