package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies a peer as {@code delegate} does, then also requires that a certificate of the verified chain (the
 * presented certificates up to and including the trust anchor) has a pinned public key. With no pins it only
 * delegates.
 *
 * <p>The JDK does not hand out the chain it verified, so this class rebuilds it: from the leaf, each next
 * certificate must have signed the one before. A certificate the peer merely appends to its chain is therefore
 * never considered: anyone can send a copy of a pinned public certificate, only its key holder can sign with it.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final CertificatePins pins;

    public PinningTrustManager(X509ExtendedTrustManager delegate, CertificatePins pins) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.pins = requireNonNull(pins, "pins is null");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        requirePinned(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        requirePinned(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        requirePinned(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        requirePinned(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        requirePinned(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        requirePinned(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void requirePinned(X509Certificate[] chain) throws CertificateException {
        if (pins.isEmpty()) {
            return;
        }
        List<X509Certificate> path = signingPath(chain, delegate.getAcceptedIssuers());
        if (path.stream().anyMatch(pins::matches)) {
            return;
        }
        throw new CertificateException("no certificate matched the pins (cert_pins " + pins + "); the verified"
                + " chain has " + path.stream()
                        .map(c -> c.getSubjectX500Principal() + " with pin " + CertificatePins.spkiSha256Hex(c))
                        .collect(Collectors.joining(", ")));
    }

    /**
     * The leaf, then each certificate that signed the previous one, taken from the presented chain or, to end
     * the path, from the trust anchors. Stops at an anchor or where no signer is found.
     */
    static List<X509Certificate> signingPath(X509Certificate[] chain, X509Certificate[] anchors) {
        List<X509Certificate> path = new ArrayList<>();
        if (chain == null || chain.length == 0) {
            return path;
        }
        X509Certificate current = chain[0];
        path.add(current);
        // Each step adds a certificate, and a valid path cannot be longer than the chain plus its anchor.
        while (path.size() <= chain.length && !isAnchor(current, anchors)) {
            Optional<X509Certificate> signer = signerAmong(current, anchors);
            if (signer.isPresent()) {
                path.add(signer.get());
                break;
            }
            signer = signerAmong(current, chain).filter(s -> !path.contains(s));
            if (signer.isEmpty()) {
                break;
            }
            current = signer.get();
            path.add(current);
        }
        return path;
    }

    private static boolean isAnchor(X509Certificate certificate, X509Certificate[] anchors) {
        for (X509Certificate anchor : anchors) {
            if (anchor.equals(certificate)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<X509Certificate> signerAmong(X509Certificate certificate, X509Certificate[] candidates) {
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && signed(candidate, certificate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean signed(X509Certificate issuer, X509Certificate certificate) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false; // same name, other key: not this certificate's signer
        }
    }
}
