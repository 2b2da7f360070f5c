package dev.kolide.launcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.tls.CertificatePins;
import dev.kolide.kit.tls.DevCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientOptionsTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} → {1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "fleet.example.com:443 | fleet.example.com | 443 | fleet.example.com:443",
        "localhost:8080        | localhost         | 8080 | localhost:8080",
        "127.0.0.1:1           | 127.0.0.1         | 1    | 127.0.0.1:1",
        "[::1]:65535           | ::1               | 65535 | [::1]:65535",
    })
    void parsesHostAndPort(String hostname, String host, int port, String authority) {
        ClientOptions options = ClientOptions.builder(hostname).build();

        assertThat(options.server().host()).isEqualTo(host);
        assertThat(options.server().port()).isEqualTo(port);
        assertThat(options.server().authority()).isEqualTo(authority);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''                         | hostname is empty",
        "fleet.example.com          | has no port",
        "fleet.example.com:         | has port \"\"",
        "fleet.example.com:https    | has port \"https\"",
        "fleet.example.com:0        | a port is a number from 1 to 65535",
        "fleet.example.com:65536    | a port is a number from 1 to 65535",
        ":443                       | has no host",
        "https://fleet.example.com  | no scheme or path",
        "fleet.example.com:443/api  | no scheme or path",
        "::1:8080                   | put an IPv6 address in brackets",
        "fleet example.com:443      | has ' ' in its host",
    })
    void refusesBadHostnamesSayingWhy(String hostname, String expected) {
        assertThatThrownBy(() -> ClientOptions.builder(hostname).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining("host");
    }

    @Test
    void defaultsTrustTheSystemRootsWithTheDocumentedLimits() {
        ClientOptions options = ClientOptions.builder("fleet:443").build();

        assertThat(options.insecure()).isFalse();
        assertThat(options.insecureTransport()).isFalse();
        assertThat(options.rootPem()).isEmpty();
        assertThat(options.trust().toString()).isEqualTo("the system roots");
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxReplyBytes()).isGreaterThanOrEqualTo(4 * 1024 * 1024);
    }

    @Test
    void rootPemAndPinsMakeTheTrust() {
        DevCertificates certificates = certificates();
        certificates.writeTo(directory);
        String pin = CertificatePins.spkiSha256Hex(certificates.ca()).toUpperCase(java.util.Locale.ROOT);

        ClientOptions options = ClientOptions.builder("fleet:443")
                .rootPem(directory.resolve(DevCertificates.CA_FILE))
                .certPins(List.of(" " + pin + " "))
                .build();

        assertThat(options.trust().toString()).startsWith("1 given root certificate(s) with certificate pins");
        assertThat(options.trust().pins().sha256Hex()).containsExactly(pin.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void missingRootPemSaysSo() {
        Path missing = directory.resolve("nope.pem");

        assertThatThrownBy(() -> ClientOptions.builder("fleet:443").rootPem(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("root_pem " + missing + " does not exist or is not a file");
    }

    @Test
    void rootPemWithoutCertificatesSaysSo() throws Exception {
        Path notPem = Files.writeString(directory.resolve("bad.pem"), "hello\n");

        assertThatThrownBy(() -> ClientOptions.builder("fleet:443").rootPem(notPem).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("root_pem " + notPem + " holds no usable root certificate")
                .hasMessageContaining("no CERTIFICATE block found");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "abc                                                               | 3 hex digits",
        "zz00000000000000000000000000000000000000000000000000000000000000  | not a hex digit",
        "''                                                                | is empty",
    })
    void malformedPinsSaySo(String pin, String expected) {
        assertThatThrownBy(() -> ClientOptions.builder("fleet:443").certPins(List.of(pin)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cert_pins: cert pin 1 of 1")
                .hasMessageContaining(expected);
    }

    @Test
    void pinsCannotBeCombinedWithInsecure() {
        String pin = "00".repeat(32);

        assertThatThrownBy(() -> ClientOptions.builder("fleet:443").insecure(true).certPins(List.of(pin)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cert_pins cannot be combined with insecure");
    }

    @Test
    void tlsSettingsCannotBeCombinedWithPlaintext() {
        String pin = "00".repeat(32);

        assertThatThrownBy(() ->
                ClientOptions.builder("fleet:443").insecureTransport(true).certPins(List.of(pin)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("insecure_transport turns TLS off");
    }

    @Test
    void insecureAndPlaintextTogetherAreFine() {
        ClientOptions options = ClientOptions.builder("fleet:80").insecure(true).insecureTransport(true).build();

        assertThat(options.insecure()).isTrue();
        assertThat(options.insecureTransport()).isTrue();
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> ClientOptions.builder("fleet:443").requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request timeout must be positive");
    }

    private static DevCertificates certificates() {
        return DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(),
                new SecureRandom());
    }
}
