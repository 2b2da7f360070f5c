package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A public key as Notary lists it ({@code keytype} + base64 {@code keyval.public}), decoded. {@code ed25519} keys
 * stay raw (32 bytes); the others become a JCA key. {@code *-x509} keys also keep their certificate.
 */
record TufKey(String id, String type, byte[] raw, PublicKey publicKey, Optional<X509Certificate> certificate) {

    static final int MIN_RSA_BITS = 2048;

    /**
     * Decodes the key listed under {@code listedId}; the id must be the hex SHA-256 of the key's canonical form.
     *
     * @throws VerificationFailedException {@code keyid} when the id differs, {@code key} when the key is unusable
     */
    static TufKey parse(String role, String listedId, JsonNode node) {
        if (!node.isObject()) {
            throw Json.format(role, "key " + listedId + " is not an object");
        }
        String type = Json.text(role, node, "keytype");
        String publicB64 = Json.text(role, Json.object(role, node, "keyval"), "public");
        String id = keyId(type, publicB64);
        if (!id.equals(listedId)) {
            throw new VerificationFailedException(role, "keyid",
                    "key listed as " + listedId + " has id " + id);
        }
        byte[] raw = Json.base64(role, publicB64, "key " + listedId);
        try {
            return switch (type) {
                case "ed25519" -> {
                    if (raw.length != 32) {
                        throw new GeneralSecurityException("ed25519 key of " + raw.length + " bytes");
                    }
                    yield new TufKey(id, type, raw, null, Optional.empty());
                }
                case "ecdsa" -> new TufKey(id, type, raw, ecKey(decode("EC", raw)), Optional.empty());
                case "rsa" -> new TufKey(id, type, raw, rsaKey(decode("RSA", raw)), Optional.empty());
                case "ecdsa-x509", "rsa-x509" -> {
                    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(raw));
                    PublicKey key = type.equals("ecdsa-x509") ? ecKey(cert.getPublicKey()) : rsaKey(cert.getPublicKey());
                    yield new TufKey(id, type, raw, key, Optional.of(cert));
                }
                default -> throw new GeneralSecurityException("unknown key type " + type);
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new VerificationFailedException(role, "key", "key " + id + " (" + type + "): " + e.getMessage(), e);
        }
    }

    /** Notary's key id: hex SHA-256 of {@code {"keytype":T,"keyval":{"private":null,"public":B64}}} canonical. */
    static String keyId(String type, String publicB64) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("keytype", type);
        ObjectNode val = key.putObject("keyval");
        val.putNull("private");
        val.put("public", publicB64);
        return HexFormat.of().formatHex(sha256(CanonicalJson.encode(key)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static PublicKey decode(String algorithm, byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }

    private static PublicKey ecKey(PublicKey key) throws GeneralSecurityException {
        if (!(key instanceof ECPublicKey)) {
            throw new GeneralSecurityException("not an EC key: " + key.getAlgorithm());
        }
        return key;
    }

    private static PublicKey rsaKey(PublicKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new GeneralSecurityException("not an RSA key: " + key.getAlgorithm());
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new GeneralSecurityException("RSA key of " + rsa.getModulus().bitLength() + " bits, under "
                    + MIN_RSA_BITS);
        }
        return key;
    }
}
