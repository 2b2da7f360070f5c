package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** The credentials carry the trust manager that does the work; no gRPC server is needed to see it do so. */
class GrpcTlsTest {

    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    private final SecureRandom random = new SecureRandom();
    private final DevCertificates certificates =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    private final DevCertificates other =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);

    @Test
    void credentialsCarryATrustManagerThatEnforcesThePins() {
        ChannelCredentials credentials =
                GrpcTls.channelCredentials(certificates.clientTrust().withPins(CertificatePins.of(other.ca())));

        X509ExtendedTrustManager manager = onlyTrustManager(credentials);

        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {certificates.server()}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("no certificate matched the pins");
    }

    @Test
    void credentialsCarryTheRoots() {
        X509ExtendedTrustManager manager = onlyTrustManager(GrpcTls.channelCredentials(certificates.clientTrust()));

        assertThatCode(() -> manager.checkServerTrusted(new X509Certificate[] {certificates.server()}, AUTH_TYPE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {other.server()}, AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void insecureCredentialsAcceptAnyServer() {
        X509ExtendedTrustManager manager =
                onlyTrustManager(GrpcTls.channelCredentials(ClientTrust.insecureSkipVerification()));

        assertThatCode(() -> manager.checkServerTrusted(new X509Certificate[] {other.server()}, AUTH_TYPE))
                .doesNotThrowAnyException();
    }

    @Test
    void transportsMustSupportCustomTrustManagers() {
        TlsChannelCredentials credentials =
                (TlsChannelCredentials) GrpcTls.channelCredentials(certificates.clientTrust());

        assertThat(credentials.incomprehensible(EnumSet.noneOf(TlsChannelCredentials.Feature.class)))
                .containsExactly(TlsChannelCredentials.Feature.CUSTOM_MANAGERS);
        assertThat(credentials.incomprehensible(EnumSet.of(TlsChannelCredentials.Feature.CUSTOM_MANAGERS))).isEmpty();
    }

    private static X509ExtendedTrustManager onlyTrustManager(ChannelCredentials credentials) {
        assertThat(credentials).isInstanceOf(TlsChannelCredentials.class);
        List<javax.net.ssl.TrustManager> managers = ((TlsChannelCredentials) credentials).getTrustManagers();
        assertThat(managers).singleElement().isInstanceOf(X509ExtendedTrustManager.class);
        return (X509ExtendedTrustManager) managers.get(0);
    }
}
