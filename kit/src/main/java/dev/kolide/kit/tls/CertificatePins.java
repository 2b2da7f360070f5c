package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Launcher's {@code --cert_pins}: SHA-256 digests of certificates' SubjectPublicKeyInfo (DER), as lowercase
 * hex. A connection passes when any certificate of its verified chain has one of these digests; no pins means
 * no pinning.
 *
 * <p>Pinning the public key rather than the whole certificate lets a server renew its certificate with the same
 * key without breaking its clients.
 */
public record CertificatePins(List<String> sha256Hex) {

    private static final int HEX_LENGTH = 64; // SHA-256 is 32 bytes

    public CertificatePins {
        requireNonNull(sha256Hex, "sha256Hex is null");
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < sha256Hex.size(); i++) {
            String entry = requireNonNull(sha256Hex.get(i), "pin is null");
            normalized.add(checkedPin(entry.strip(), i + 1, sha256Hex.size()).toLowerCase(Locale.ROOT));
        }
        sha256Hex = List.copyOf(normalized);
    }

    /** No pins: any chain the trust manager verifies is accepted. */
    public static CertificatePins none() {
        return new CertificatePins(List.of());
    }

    /**
     * Parses a comma-separated list of hex digests; spaces around entries and uppercase hex are fine, a blank
     * string is no pins. An empty entry ({@code "a,,b"}, a trailing comma) is an error, because it usually means a
     * pin went missing.
     */
    public static CertificatePins parse(String commaSeparated) {
        requireNonNull(commaSeparated, "commaSeparated is null");
        if (commaSeparated.isBlank()) {
            return none();
        }
        // -1 keeps trailing empty strings, so "a," reports its empty second entry instead of dropping it.
        return new CertificatePins(List.of(commaSeparated.split(",", -1)));
    }

    /** Pins exactly the public keys of {@code certificates}. */
    public static CertificatePins of(X509Certificate... certificates) {
        List<String> pins = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            pins.add(spkiSha256Hex(certificate));
        }
        return new CertificatePins(pins);
    }

    /** The pin of {@code certificate}: SHA-256 of its SubjectPublicKeyInfo exactly as encoded in it, in hex. */
    public static String spkiSha256Hex(X509Certificate certificate) {
        requireNonNull(certificate, "certificate is null");
        try {
            byte[] spki = Certificate.getInstance(certificate.getEncoded())
                    .getSubjectPublicKeyInfo()
                    .getEncoded(ASN1Encoding.DER);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (CertificateEncodingException | IOException | NoSuchAlgorithmException e) {
            throw new TlsSetupException("hashing the public key of " + certificate.getSubjectX500Principal(), e);
        }
    }

    public boolean isEmpty() {
        return sha256Hex.isEmpty();
    }

    /** Whether {@code certificate}'s public key is pinned. */
    public boolean matches(X509Certificate certificate) {
        return sha256Hex.contains(spkiSha256Hex(certificate));
    }

    /** The pins as launcher's flag spells them. */
    @Override
    public String toString() {
        return String.join(",", sha256Hex);
    }

    private static String checkedPin(String pin, int position, int count) {
        String which = "cert pin " + position + " of " + count;
        if (pin.isEmpty()) {
            throw new IllegalArgumentException(which + " is empty (two commas in a row, or a trailing comma?)");
        }
        for (int i = 0; i < pin.length(); i++) {
            if (!HexFormat.isHexDigit(pin.charAt(i))) {
                throw new IllegalArgumentException(which + " (\"" + pin + "\") has '" + pin.charAt(i)
                        + "' at position " + (i + 1) + ", which is not a hex digit");
            }
        }
        if (pin.length() != HEX_LENGTH) {
            throw new IllegalArgumentException(which + " (\"" + pin + "\") has " + pin.length()
                    + " hex digits; a pin is the SHA-256 of a SubjectPublicKeyInfo: " + HEX_LENGTH + " hex digits");
        }
        return pin;
    }
}
