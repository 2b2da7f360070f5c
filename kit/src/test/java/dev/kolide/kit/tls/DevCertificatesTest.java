package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class DevCertificatesTest {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.fixed(Instant.parse("2031-05-06T07:08:09.750Z"), ZoneOffset.UTC);

    @Test
    void serverCertificateNamesEveryDnsNameAndIpAddress() throws CertificateParsingException {
        DevCertificates certificates = DevCertificates.generate(
                List.of("localhost", "fleet.example.test", "127.0.0.1", "::1"), Duration.ofDays(1), clock, random);

        assertThat(certificates.server().getSubjectAlternativeNames())
                .extracting(san -> san.get(0), san -> san.get(1))
                .containsExactly(
                        tuple(DNS_NAME, "localhost"),
                        tuple(DNS_NAME, "fleet.example.test"),
                        tuple(IP_ADDRESS, "127.0.0.1"),
                        tuple(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
        assertThat(certificates.server().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void validityStartsAtTheInjectedClockToTheSecond() {
        DevCertificates certificates = DevCertificates.generate(List.of("localhost"), Duration.ofDays(30), clock, random);

        Instant start = Instant.parse("2031-05-06T07:08:09Z");
        for (X509Certificate certificate : List.of(certificates.ca(), certificates.server())) {
            assertThat(certificate.getNotBefore().toInstant()).isEqualTo(start);
            assertThat(certificate.getNotAfter().toInstant()).isEqualTo(start.plus(Duration.ofDays(30)));
        }
    }

    @Test
    void serverCertificateIsSignedByTheCaAndUsableOnlyForServers() throws Exception {
        DevCertificates certificates = DevCertificates.generate(List.of("localhost"), Duration.ofDays(1), clock, random);

        assertThatCode(() -> certificates.server().verify(certificates.ca().getPublicKey())).doesNotThrowAnyException();
        assertThatCode(() -> certificates.ca().verify(certificates.ca().getPublicKey())).doesNotThrowAnyException();
        assertThat(certificates.ca().getBasicConstraints()).as("CA path length, -1 = not a CA").isNotNegative();
        assertThat(certificates.server().getBasicConstraints()).isEqualTo(-1);
        assertThat(certificates.server().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(certificates.server().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificates.server().getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void eachGenerationMakesNewKeysAndSerials() {
        DevCertificates first = DevCertificates.generate(List.of("localhost"), Duration.ofDays(1), clock, random);
        DevCertificates second = DevCertificates.generate(List.of("localhost"), Duration.ofDays(1), clock, random);

        assertThat(second.ca().getPublicKey()).isNotEqualTo(first.ca().getPublicKey());
        assertThat(second.server().getSerialNumber()).isNotEqualTo(first.server().getSerialNumber());
    }

    @Test
    void writeToLeavesFilesAServerAndClientsCanLoad(@TempDir Path directory) {
        DevCertificates certificates = DevCertificates.generate(List.of("localhost"), Duration.ofDays(1), clock, random);
        Path target = directory.resolve("dev-certs");

        certificates.writeTo(target);

        assertThat(Pem.readCertificates(target.resolve(DevCertificates.CA_FILE))).containsExactly(certificates.ca());
        ServerKeyMaterial loaded = ServerKeyMaterial.fromPemFiles(
                target.resolve(DevCertificates.SERVER_CERTIFICATE_FILE), target.resolve(DevCertificates.SERVER_KEY_FILE));
        assertThat(loaded.chain()).containsExactly(certificates.server());
        assertThat(loaded.privateKey()).isEqualTo(certificates.serverKey());
        assertThat(target).isDirectoryContaining("glob:**/ca.pem")
                .isDirectoryContaining("glob:**/server.pem")
                .isDirectoryContaining("glob:**/server.key");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void serverKeyIsReadableByTheOwnerOnly(@TempDir Path directory) throws IOException {
        DevCertificates.generate(List.of("localhost"), Duration.ofDays(1), clock, random).writeTo(directory);

        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(DevCertificates.SERVER_KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesNoHostNamesBlankNamesAndNonPositiveValidity() {
        assertThatThrownBy(() -> DevCertificates.generate(List.of(), Duration.ofDays(1), clock, random))
                .hasMessage("a server certificate needs at least one host name or IP address");
        assertThatThrownBy(() -> DevCertificates.generate(List.of("localhost", " "), Duration.ofDays(1), clock, random))
                .hasMessage("\" \" is not a host name or IP address");
        assertThatThrownBy(() -> DevCertificates.generate(List.of("localhost"), Duration.ZERO, clock, random))
                .hasMessage("validity must be positive, got PT0S");
    }
}
