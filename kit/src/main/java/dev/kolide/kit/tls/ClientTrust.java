package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client decides to trust a server, as launcher's flags say it: the system roots, or the roots of a PEM file
 * instead ({@code --root_pem}); optionally pinned public keys ({@code --cert_pins}); or, explicitly, no
 * verification at all ({@code --insecure}). Immutable; {@link #trustManager()} and {@link #sslContext()} build
 * new objects on each call.
 */
public final class ClientTrust {

    private enum Roots { SYSTEM, GIVEN, NONE_INSECURE }

    private final Roots roots;
    private final List<X509Certificate> givenRoots;
    private final CertificatePins pins;

    private ClientTrust(Roots roots, List<X509Certificate> givenRoots, CertificatePins pins) {
        this.roots = roots;
        this.givenRoots = givenRoots;
        this.pins = pins;
    }

    /** The JDK's trusted roots (its {@code cacerts}, or what {@code javax.net.ssl.trustStore} names). */
    public static ClientTrust systemRoots() {
        return new ClientTrust(Roots.SYSTEM, List.of(), CertificatePins.none());
    }

    /** Only the certificates of {@code rootPem}, read now; the system roots are not trusted (launcher's --root_pem). */
    public static ClientTrust rootsFromPem(Path rootPem) {
        requireNonNull(rootPem, "rootPem is null");
        return roots(Pem.readCertificates(rootPem));
    }

    /** Only {@code roots}; the system roots are not trusted. */
    public static ClientTrust roots(List<X509Certificate> roots) {
        requireNonNull(roots, "roots is null");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no root certificates given: a client would trust no server");
        }
        return new ClientTrust(Roots.GIVEN, List.copyOf(roots), CertificatePins.none());
    }

    /**
     * Trusts any server without checking its chain or host name (launcher's --insecure): for development
     * against a server with a throwaway certificate, never for production.
     */
    public static ClientTrust insecureSkipVerification() {
        return new ClientTrust(Roots.NONE_INSECURE, List.of(), CertificatePins.none());
    }

    /**
     * This trust, plus: a server passes only if its verified chain has a pinned public key. Pins cannot be
     * combined with {@link #insecureSkipVerification()}: without verification there is no chain to look in.
     */
    public ClientTrust withPins(CertificatePins pins) {
        requireNonNull(pins, "pins is null");
        if (roots == Roots.NONE_INSECURE && !pins.isEmpty()) {
            throw new IllegalArgumentException("certificate pins cannot be combined with insecure mode: pinning"
                    + " needs a verified chain, and insecure mode verifies nothing");
        }
        return new ClientTrust(roots, givenRoots, pins);
    }

    /** Whether this trust skips verification (launcher's --insecure), for a warning at start-up. */
    public boolean isInsecure() {
        return roots == Roots.NONE_INSECURE;
    }

    public CertificatePins pins() {
        return pins;
    }

    /** A new trust manager that verifies as described; X509Extended so the JDK lets it check host names too. */
    public X509ExtendedTrustManager trustManager() {
        X509ExtendedTrustManager verifier = switch (roots) {
            case SYSTEM -> pkixTrustManager(null);
            case GIVEN -> pkixTrustManager(keyStoreOf(givenRoots));
            case NONE_INSECURE -> new InsecureTrustManager(); // withPins keeps pins empty here
        };
        return pins.isEmpty() ? verifier : new PinningTrustManager(verifier, pins);
    }

    /** A new client context (TLS 1.2 and 1.3) with {@link #trustManager()} and no client certificate. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("creating a client TLS context that trusts " + this, e);
        }
    }

    @Override
    public String toString() {
        String base = switch (roots) {
            case SYSTEM -> "the system roots";
            case GIVEN -> givenRoots.size() + " given root certificate(s)";
            case NONE_INSECURE -> "any server (insecure: verification skipped)";
        };
        return pins.isEmpty() ? base : base + " with certificate pins " + pins;
    }

    /** The JDK's PKIX trust manager over {@code trustStore}; {@code null} means the system roots. */
    private static X509ExtendedTrustManager pkixTrustManager(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) manager;
                }
            }
            throw new TlsSetupException("the JDK's " + factory.getAlgorithm() + " trust manager factory offers no"
                    + " X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("creating a trust manager for "
                    + (trustStore == null ? "the system roots" : "the given roots"), e);
        }
    }

    private static KeyStore keyStoreOf(List<X509Certificate> roots) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                store.setCertificateEntry("root-" + i, roots.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("putting " + roots.size() + " root certificate(s) in a trust store", e);
        }
    }
}
