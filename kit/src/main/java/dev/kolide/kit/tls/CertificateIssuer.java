package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Issues ECDSA P-256 certificates with BouncyCastle, all valid over one period. Behind {@link DevCertificates};
 * the tests use it for chains with intermediates.
 */
final class CertificateIssuer {

    private final Instant notBefore;
    private final Instant notAfter;
    private final SecureRandom random;

    CertificateIssuer(Instant notBefore, Instant notAfter, SecureRandom random) {
        this.notBefore = requireNonNull(notBefore, "notBefore is null");
        this.notAfter = requireNonNull(notAfter, "notAfter is null");
        this.random = requireNonNull(random, "random is null");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("certificates would expire (" + notAfter + ") before they start ("
                    + notBefore + ")");
        }
    }

    KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("generating an ECDSA P-256 key pair", e);
        }
    }

    /** A root CA that signs itself. */
    X509Certificate selfSignedCa(String commonName, KeyPair keys) {
        X500Name name = commonName(commonName);
        return sign(caBuilder(name, keys.getPublic(), name, keys.getPublic()), keys.getPrivate(), commonName);
    }

    /** An intermediate CA signed by {@code issuer}. */
    X509Certificate intermediateCa(String commonName, PublicKey subjectKey, X509Certificate issuer,
            PrivateKey issuerKey) {
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return sign(caBuilder(commonName(commonName), subjectKey, issuerName, issuer.getPublicKey()), issuerKey,
                commonName);
    }

    /**
     * A TLS server certificate for {@code hostNames}, each an IP address SAN if it is an IPv4 or IPv6 literal,
     * else a DNS name SAN; the first is also the subject's common name.
     */
    X509Certificate server(List<String> hostNames, PublicKey subjectKey, X509Certificate issuer,
            PrivateKey issuerKey) {
        requireNonNull(hostNames, "hostNames is null");
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name or IP address");
        }
        GeneralName[] sans = new GeneralName[hostNames.size()];
        for (int i = 0; i < sans.length; i++) {
            String host = requireNonNull(hostNames.get(i), "host name is null").strip();
            if (host.isEmpty() || host.contains(" ")) {
                throw new IllegalArgumentException("\"" + hostNames.get(i) + "\" is not a host name or IP address");
            }
            sans[i] = new GeneralName(IPAddress.isValid(host) ? GeneralName.iPAddress : GeneralName.dNSName, host);
        }
        String doing = "issuing a server certificate for " + hostNames;
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(commonName(hostNames.get(0).strip()), subjectKey, issuerName);
        try {
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ids.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException(doing, e);
        }
        return sign(builder, issuerKey, doing);
    }

    private X509v3CertificateBuilder caBuilder(X500Name subject, PublicKey subjectKey, X500Name issuerName,
            PublicKey issuerKey) {
        X509v3CertificateBuilder builder = builder(subject, subjectKey, issuerName);
        try {
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            return builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ids.createAuthorityKeyIdentifier(issuerKey));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("adding CA extensions to the certificate of " + subject, e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name subject, PublicKey subjectKey, X500Name issuerName) {
        // 127 random bits, positive and non-zero, as RFC 5280 asks of serial numbers.
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore), Date.from(notAfter),
                subject, subjectKey);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, String what) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new TlsSetupException("signing the certificate of " + what, e);
        }
    }

    private static X500Name commonName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }
}
