package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** Pinning over a three-level chain (root, intermediate, leaf), without a network. */
class PinningTrustManagerTest {

    // TLS 1.2 server authentication with an ECDSA certificate, as the JSSE names it.
    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    private final CertificateIssuer issuer = new CertificateIssuer(
            Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(1)), new SecureRandom());
    private final KeyPair rootKeys = issuer.newKeyPair();
    private final X509Certificate root = issuer.selfSignedCa("Test root", rootKeys);
    private final KeyPair intermediateKeys = issuer.newKeyPair();
    private final X509Certificate intermediate =
            issuer.intermediateCa("Test intermediate", intermediateKeys.getPublic(), root, rootKeys.getPrivate());
    private final X509Certificate leaf = issuer.server(
            List.of("localhost"), issuer.newKeyPair().getPublic(), intermediate, intermediateKeys.getPrivate());
    private final KeyPair unrelatedKeys = issuer.newKeyPair();
    private final X509Certificate unrelatedCa = issuer.selfSignedCa("Unrelated CA", unrelatedKeys);

    private final X509ExtendedTrustManager trustingRoot = ClientTrust.roots(List.of(root)).trustManager();

    @Test
    void pinOnAnyCertificateOfTheVerifiedChainPasses() {
        for (X509Certificate pinned : List.of(leaf, intermediate, root)) {
            PinningTrustManager manager = new PinningTrustManager(trustingRoot, CertificatePins.of(pinned));

            assertThatCode(() -> manager.checkServerTrusted(new X509Certificate[] {leaf, intermediate}, AUTH_TYPE))
                    .as("pinned %s", pinned.getSubjectX500Principal())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void pinnedCertificateAppendedToTheChainButNotInItsPathIsRefused() {
        // A server can send any public certificate along; only certificates that signed the path count.
        X509Certificate[] chain = {leaf, intermediate, unrelatedCa};
        PinningTrustManager manager = new PinningTrustManager(trustingRoot, CertificatePins.of(unrelatedCa));

        assertThatCode(() -> trustingRoot.checkServerTrusted(chain, AUTH_TYPE))
                .as("the JDK alone accepts the chain, so refusing it is the pinning's doing")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, AUTH_TYPE))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("no certificate matched the pins")
                .hasMessageContaining("CN=Test intermediate with pin " + CertificatePins.spkiSha256Hex(intermediate));
    }

    @Test
    void pinsDoNotReplaceVerification() {
        // A chain the roots do not vouch for stays refused even when its leaf is pinned.
        X509Certificate foreignLeaf = issuer.server(
                List.of("localhost"), issuer.newKeyPair().getPublic(), unrelatedCa, unrelatedKeys.getPrivate());
        PinningTrustManager manager = new PinningTrustManager(trustingRoot, CertificatePins.of(foreignLeaf));

        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {foreignLeaf}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class)
                .hasMessageNotContaining("no certificate matched the pins");
    }

    @Test
    void noPinsOnlyVerifies() {
        PinningTrustManager manager = new PinningTrustManager(trustingRoot, CertificatePins.none());

        assertThatCode(() -> manager.checkServerTrusted(new X509Certificate[] {leaf, intermediate}, AUTH_TYPE))
                .doesNotThrowAnyException();
        assertThat(manager.getAcceptedIssuers()).containsExactly(root);
    }

    @Test
    void signingPathRunsFromTheLeafToTheAnchor() {
        X509Certificate[] anchors = {unrelatedCa, root};

        assertThat(PinningTrustManager.signingPath(new X509Certificate[] {leaf, intermediate}, anchors))
                .containsExactly(leaf, intermediate, root);
        assertThat(PinningTrustManager.signingPath(new X509Certificate[] {leaf, unrelatedCa, intermediate, root},
                anchors)).containsExactly(leaf, intermediate, root);
        assertThat(PinningTrustManager.signingPath(new X509Certificate[] {root}, anchors)).containsExactly(root);
    }
}
