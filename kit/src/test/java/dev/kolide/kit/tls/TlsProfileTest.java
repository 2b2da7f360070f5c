package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each profile lets through, checked with real handshakes against Jetty servers configured with it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsProfileTest {

    private static final String CBC_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    private static final String GCM_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private final DevCertificates certificates = DevCertificates.generate(
            List.of("127.0.0.1"), Duration.ofHours(1), Clock.systemUTC(), new SecureRandom());
    private Map<TlsProfile, HttpsTestServer> servers;

    @BeforeAll
    void startServers() throws Exception {
        servers = Map.of(
                TlsProfile.MODERN, HttpsTestServer.start(certificates.serverKeyMaterial(), TlsProfile.MODERN),
                TlsProfile.INTERMEDIATE,
                HttpsTestServer.start(certificates.serverKeyMaterial(), TlsProfile.INTERMEDIATE));
    }

    @AfterAll
    void stopServers() {
        for (HttpsTestServer server : servers.values()) {
            server.close();
        }
    }

    @Test
    void cbcOnlyTls12ClientConnectsToIntermediateServer() throws IOException {
        assertThat(handshake(TlsProfile.INTERMEDIATE, "TLSv1.2", CBC_SUITE)).isEqualTo(CBC_SUITE);
    }

    @Test
    void cbcOnlyTls12ClientIsRefusedByModernServer() {
        assertThatThrownBy(() -> handshake(TlsProfile.MODERN, "TLSv1.2", CBC_SUITE))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @ParameterizedTest
    @EnumSource(TlsProfile.class)
    void aeadOnlyTls12ClientConnects(TlsProfile profile) throws IOException {
        // The counterpart of the refusal above: the modern server does speak TLS 1.2, just not with CBC.
        assertThat(handshake(profile, "TLSv1.2", GCM_SUITE)).isEqualTo(GCM_SUITE);
    }

    @ParameterizedTest
    @EnumSource(TlsProfile.class)
    void tls13ClientConnects(TlsProfile profile) throws IOException {
        assertThat(handshake(profile, "TLSv1.3", "TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    /*
     * A raw TLS 1.1 ClientHello, because the JDK's own client refuses to send one (its java.security disables
     * TLS 1.0 and 1.1). The server's JDK disables them too, so this cannot tell our profile from the JDK's
     * defaults; serverEnablesOnlyTls12And13 below is what catches a profile that lets TLS 1.1 in.
     */
    @ParameterizedTest
    @EnumSource(TlsProfile.class)
    void tls11ClientHelloIsAnsweredWithProtocolVersionAlert(TlsProfile profile) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", servers.get(profile).port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(tls11ClientHello());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] record = new byte[7];
            in.readFully(record);

            assertThat(record[0]).as("record type (21 = alert, 22 = handshake)").isEqualTo((byte) 21);
            assertThat(record[5]).as("alert level (2 = fatal)").isEqualTo((byte) 2);
            assertThat(record[6]).as("alert description (70 = protocol_version)").isEqualTo((byte) 70);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProfile.class)
    void serverEnablesOnlyTls12And13(TlsProfile profile) {
        assertThat(servers.get(profile).sslContextFactory().getSelectedProtocols())
                .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void modernSuitesAreAllForwardSecretAndAead() {
        assertThat(TlsProfile.MODERN.cipherSuites())
                .isNotEmpty()
                .allSatisfy(suite -> assertThat(suite).matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_.*")
                        .containsAnyOf("_GCM_", "_CHACHA20_POLY1305_"));
    }

    @Test
    void intermediateAddsEcdheCbcSuitesToModern() {
        List<String> added = TlsProfile.INTERMEDIATE.cipherSuites().stream()
                .filter(suite -> !TlsProfile.MODERN.cipherSuites().contains(suite))
                .toList();

        assertThat(TlsProfile.INTERMEDIATE.cipherSuites()).containsAll(TlsProfile.MODERN.cipherSuites());
        assertThat(added).isNotEmpty().allSatisfy(suite -> assertThat(suite).matches("TLS_ECDHE_.*_CBC_SHA(256|384)"));
    }

    @Test
    void sslParametersCarryTheProfile() {
        SSLParameters parameters = TlsProfile.INTERMEDIATE.sslParameters();

        assertThat(parameters.getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(parameters.getCipherSuites()).containsExactlyElementsOf(TlsProfile.INTERMEDIATE.cipherSuites());
        assertThat(parameters.getUseCipherSuitesOrder()).isTrue();
    }

    @Test
    void parseAcceptsFlagSpellings() {
        assertThat(TlsProfile.parse("modern")).isEqualTo(TlsProfile.MODERN);
        assertThat(TlsProfile.parse(" Intermediate ")).isEqualTo(TlsProfile.INTERMEDIATE);
        assertThatThrownBy(() -> TlsProfile.parse("old"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown TLS profile \"old\"; expected one of [modern, intermediate]");
    }

    /** Handshakes with the server of {@code profile} offering one protocol and suite; returns the suite agreed. */
    private String handshake(TlsProfile profile, String protocol, String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) certificates.clientTrust().sslContext().getSocketFactory()
                .createSocket("127.0.0.1", servers.get(profile).port())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            parameters.setCipherSuites(new String[] {suite});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    /** A TLS 1.1 ClientHello offering ECDHE and RSA CBC-SHA suites on P-256, without TLS 1.3's extensions. */
    private static byte[] tls11ClientHello() {
        byte[] suites = {(byte) 0xC0, 0x09, (byte) 0xC0, 0x0A, (byte) 0xC0, 0x13, (byte) 0xC0, 0x14, 0x00, 0x2F,
                0x00, 0x35};
        byte[] extensions = {
                0x00, 0x0A, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, // supported_groups: secp256r1
                0x00, 0x0B, 0x00, 0x02, 0x01, 0x00}; // ec_point_formats: uncompressed
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + suites.length + 2 + 2 + extensions.length)
                .put((byte) 3).put((byte) 2) // client_version TLS 1.1
                .put(random)
                .put((byte) 0) // no session id
                .putShort((short) suites.length).put(suites)
                .put((byte) 1).put((byte) 0) // compression: null only
                .putShort((short) extensions.length).put(extensions);
        int bodyLength = body.position();
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + bodyLength)
                .put((byte) 22).put((byte) 3).put((byte) 2).putShort((short) (4 + bodyLength)) // handshake record
                .put((byte) 1).put((byte) 0).putShort((short) bodyLength) // client_hello, 24-bit length
                .put(body.array(), 0, bodyLength);
        return record.array();
    }
}
