package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CertificatePinsTest {

    private static final String A = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    static Stream<Arguments> goodLists() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of(A, List.of(A)),
                Arguments.of(A + "," + B, List.of(A, B)),
                Arguments.of("  " + A + " ,\t" + B + "\n", List.of(A, B)),
                Arguments.of(A.toUpperCase() + "," + B, List.of(A, B)));
    }

    @ParameterizedTest
    @MethodSource("goodLists")
    void parsesGoodLists(String flag, List<String> expected) {
        CertificatePins pins = CertificatePins.parse(flag);

        assertThat(pins.sha256Hex()).containsExactlyElementsOf(expected);
        assertThat(pins.isEmpty()).isEqualTo(expected.isEmpty());
    }

    static Stream<Arguments> badLists() {
        return Stream.of(
                Arguments.of("abc", "cert pin 1 of 1 (\"abc\") has 3 hex digits; a pin is the SHA-256 of a"
                        + " SubjectPublicKeyInfo: 64 hex digits"),
                Arguments.of(A + "0", "cert pin 1 of 1 (\"" + A + "0\") has 65 hex digits"),
                Arguments.of(A + "," + A.substring(0, 40), "cert pin 2 of 2 (\"" + A.substring(0, 40) + "\") has 40"),
                Arguments.of("g" + A.substring(1), "has 'g' at position 1, which is not a hex digit"),
                Arguments.of(A.substring(0, 10) + " " + A.substring(11), "has ' ' at position 11"),
                Arguments.of("0x" + A.substring(2), "has 'x' at position 2"),
                Arguments.of(A + ",," + B, "cert pin 2 of 3 is empty (two commas in a row, or a trailing comma?)"),
                Arguments.of(A + ",", "cert pin 2 of 2 is empty"),
                Arguments.of(",", "cert pin 1 of 2 is empty"));
    }

    @ParameterizedTest
    @MethodSource("badLists")
    void refusesBadListsNamingTheEntry(String flag, String message) {
        assertThatThrownBy(() -> CertificatePins.parse(flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void pinIsTheSha256OfTheCertificatesSubjectPublicKeyInfo() throws Exception {
        DevCertificates certificates = DevCertificates.generate(
                List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), new SecureRandom());

        // For an EC key the JDK's X.509 encoding of the public key is the certificate's SPKI, byte for byte.
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificates.server().getPublicKey().getEncoded()));

        assertThat(CertificatePins.spkiSha256Hex(certificates.server())).isEqualTo(expected);
        assertThat(CertificatePins.parse(expected).matches(certificates.server())).isTrue();
        assertThat(CertificatePins.parse(expected).matches(certificates.ca())).isFalse();
    }

    @Test
    void toStringIsTheFlagSpelling() {
        CertificatePins pins = CertificatePins.parse(A.toUpperCase() + ", " + B);

        assertThat(pins.toString()).isEqualTo(A + "," + B);
        assertThat(CertificatePins.parse(pins.toString())).isEqualTo(pins);
    }
}
