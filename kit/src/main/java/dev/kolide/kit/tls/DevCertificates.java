package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A throwaway certificate authority and a server certificate it signed (ECDSA P-256), for fleet's {@code --dev}
 * mode and for tests. Clients trust {@link #ca()}; the server presents {@link #serverKeyMaterial()}.
 */
public record DevCertificates(X509Certificate ca, PrivateKey caKey, X509Certificate server, PrivateKey serverKey) {

    public static final String CA_FILE = "ca.pem";
    public static final String SERVER_CERTIFICATE_FILE = "server.pem";
    public static final String SERVER_KEY_FILE = "server.key";

    public DevCertificates {
        requireNonNull(ca, "ca is null");
        requireNonNull(caKey, "caKey is null");
        requireNonNull(server, "server is null");
        requireNonNull(serverKey, "serverKey is null");
    }

    /**
     * A new CA and a server certificate for {@code hostNames} (DNS names and IP literals, e.g. "localhost",
     * "127.0.0.1", "::1"), both valid from the clock's now (to the second, as X.509 stores it) for
     * {@code validity}.
     */
    public static DevCertificates generate(List<String> hostNames, Duration validity, Clock clock,
            SecureRandom random) {
        requireNonNull(hostNames, "hostNames is null");
        requireNonNull(validity, "validity is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(random, "random is null");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CertificateIssuer issuer = new CertificateIssuer(notBefore, notBefore.plus(validity), random);
        KeyPair caKeys = issuer.newKeyPair();
        X509Certificate ca = issuer.selfSignedCa("Kolide development CA", caKeys);
        KeyPair serverKeys = issuer.newKeyPair();
        X509Certificate server = issuer.server(hostNames, serverKeys.getPublic(), ca, caKeys.getPrivate());
        return new DevCertificates(ca, caKeys.getPrivate(), server, serverKeys.getPrivate());
    }

    /**
     * What the server presents: only its own certificate, as clients already hold the CA (and pins on the CA
     * still work: the pinning trust manager looks at the trust anchor too).
     */
    public ServerKeyMaterial serverKeyMaterial() {
        return new ServerKeyMaterial(List.of(server), serverKey);
    }

    /** Trust in this CA alone. */
    public ClientTrust clientTrust() {
        return ClientTrust.roots(List.of(ca));
    }

    /**
     * Writes {@value #CA_FILE}, {@value #SERVER_CERTIFICATE_FILE} and {@value #SERVER_KEY_FILE} (owner-only) to
     * {@code directory}, creating it if needed and replacing the files. The CA's key is not written: nothing
     * more can be signed with it once this process ends, which is what a development CA should allow.
     */
    public void writeTo(Path directory) {
        requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new TlsSetupException("creating the directory " + directory + " for development certificates", e);
        }
        Pem.writeCertificates(directory.resolve(CA_FILE), List.of(ca));
        Pem.writeCertificates(directory.resolve(SERVER_CERTIFICATE_FILE), List.of(server));
        Pem.writePrivateKey(directory.resolve(SERVER_KEY_FILE), serverKey);
    }
}
