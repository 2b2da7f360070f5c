package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test signing key in Notary's formats: keytype, base64 keyval.public, key id, and its signature method. */
record TestKey(String type, String method, String publicB64, PrivateKey privateKey) {

    String id() {
        return TufKey.keyId(type, publicB64);
    }

    ObjectNode json() {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("keytype", type);
        ObjectNode val = key.putObject("keyval");
        val.putNull("private");
        val.put("public", publicB64);
        return key;
    }

    TestKey withMethod(String otherMethod) {
        return new TestKey(type, otherMethod, publicB64, privateKey);
    }

    byte[] sign(byte[] data) {
        try {
            Signature s = switch (method.toLowerCase(Locale.ROOT)) {
                case "ecdsa" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                case "eddsa" -> Signature.getInstance("Ed25519");
                case "rsapss" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                case "rsapkcs1v15" -> Signature.getInstance("SHA256withRSA");
                default -> throw new IllegalArgumentException("no such method " + method);
            };
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestKey ed25519() {
        KeyPair kp = generate("Ed25519", null);
        byte[] spki = kp.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new TestKey("ed25519", "eddsa", b64(raw), kp.getPrivate());
    }

    static TestKey ecdsa() {
        KeyPair kp = generate("EC", 256);
        return new TestKey("ecdsa", "ecdsa", b64(kp.getPublic().getEncoded()), kp.getPrivate());
    }

    static TestKey rsa() {
        KeyPair kp = generate("RSA", 2048);
        return new TestKey("rsa", "rsapss", b64(kp.getPublic().getEncoded()), kp.getPrivate());
    }

    static TestKey rsa(int bits) {
        KeyPair kp = generate("RSA", bits);
        return new TestKey("rsa", "rsapss", b64(kp.getPublic().getEncoded()), kp.getPrivate());
    }

    /** A self-signed P-256 certificate key valid for a year around {@code now}, signed with SHA-256. */
    static TestKey ecdsaX509(String cn, Instant now) {
        return x509("ecdsa-x509", "ecdsa", generate("EC", 256), cn, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), "SHA256withECDSA");
    }

    static TestKey ecdsaX509(String cn, Instant notBefore, Instant notAfter, String sigAlg) {
        return x509("ecdsa-x509", "ecdsa", generate("EC", 256), cn, notBefore, notAfter, sigAlg);
    }

    static TestKey rsaX509(String cn, Instant now) {
        return x509("rsa-x509", "rsapss", generate("RSA", 2048), cn, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), "SHA256withRSA");
    }

    private static TestKey x509(String type, String method, KeyPair kp, String cn, Instant notBefore,
            Instant notAfter, String sigAlg) {
        try {
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name,
                    kp.getPublic()).build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new TestKey(type, method, b64(pem.getBytes(StandardCharsets.US_ASCII)), kp.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String alg, Integer size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else if (size != null) {
                g.initialize(size);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
