package dev.kolide.updater.tuf;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Notary's rules for root certificates: CN is the GUN (or a {@code prefix*} wildcard), in validity, not SHA-1. */
final class RootCertificates {

    private RootCertificates() {
    }

    /** Why {@code key} is not a usable root key for {@code gun}, or null; keys without a certificate pass. */
    static String problem(TufKey key, String gun, Instant now, boolean checkValidity) {
        if (key.certificate().isEmpty()) {
            return null;
        }
        X509Certificate cert = key.certificate().get();
        String cn = commonName(cert);
        boolean cnMatches = cn != null && (cn.equals(gun)
                || (cn.endsWith("*") && gun.startsWith(cn.substring(0, cn.length() - 1))));
        if (!cnMatches) {
            return "certificate CN " + cn + " is not the GUN " + gun;
        }
        String sigAlg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        if (sigAlg.contains("SHA1") || sigAlg.contains("MD5")) {
            return "certificate signed with " + cert.getSigAlgName();
        }
        if (checkValidity) {
            try {
                cert.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                return "certificate not valid at " + now + " (" + cert.getNotBefore().toInstant() + " to "
                        + cert.getNotAfter().toInstant() + ")";
            }
        }
        return null;
    }

    private static String commonName(X509Certificate cert) {
        RDN[] cns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        if (cns.length != 1) {
            return null;
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        return value instanceof ASN1String s ? s.getString() : null;
    }
}
