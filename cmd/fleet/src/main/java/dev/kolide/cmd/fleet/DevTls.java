package dev.kolide.cmd.fleet;

import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.kit.tls.Pem;
import dev.kolide.kit.tls.ServerKeyMaterial;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --dev}'s TLS: a CA and server certificate made on first start and kept in the data directory, so that
 * launchers and osquery trusting {@code ca.pem} keep working across restarts. Made again when expired.
 */
final class DevTls {
    private static final Logger LOG = LoggerFactory.getLogger(DevTls.class);
    private static final Duration VALIDITY = Duration.ofDays(365);

    private DevTls() {}

    static ServerKeyMaterial keyMaterial(Path dir, Clock clock, SecureRandom random) {
        Path ca = dir.resolve(DevCertificates.CA_FILE);
        Path cert = dir.resolve(DevCertificates.SERVER_CERTIFICATE_FILE);
        Path key = dir.resolve(DevCertificates.SERVER_KEY_FILE);
        if (Files.isRegularFile(cert) && Files.isRegularFile(key) && Files.isRegularFile(ca)
                && stillValid(cert, clock)) {
            LOG.info("dev TLS: using the certificate in {}; trust {} (launcher --root_pem, osquery --tls_server_certs)",
                    dir, ca);
            return ServerKeyMaterial.fromPemFiles(cert, key);
        }
        DevCertificates made = DevCertificates.generate(hostNames(), VALIDITY, clock, random);
        made.writeTo(dir);
        LOG.info("dev TLS: made a CA and server certificate in {}; trust {} (launcher --root_pem, "
                + "osquery --tls_server_certs)", dir, ca);
        return made.serverKeyMaterial();
    }

    private static boolean stillValid(Path cert, Clock clock) {
        List<X509Certificate> chain = Pem.readCertificates(cert);
        return !chain.isEmpty() && chain.get(0).getNotAfter().toInstant().isAfter(clock.instant().plus(Duration.ofDays(1)));
    }

    private static List<String> hostNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            String local = InetAddress.getLocalHost().getHostName();
            if (!names.contains(local)) {
                names.add(local);
            }
        } catch (UnknownHostException e) {
            LOG.debug("no local host name for the dev certificate: {}", e.getMessage());
        }
        return names;
    }
}
