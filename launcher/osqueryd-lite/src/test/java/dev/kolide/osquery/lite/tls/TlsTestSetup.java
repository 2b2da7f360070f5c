package dev.kolide.osquery.lite.tls;

import dev.kolide.kit.tls.DevCertificates;
import dev.kolide.kit.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A development CA and server certificate, the CA's PEM and an enroll secret file in {@code dir}. */
final class TlsTestSetup {
    final DevCertificates certificates = generate();
    final Path caPem;
    final Path secretFile;

    TlsTestSetup(Path dir) throws Exception {
        caPem = dir.resolve("ca.pem");
        Pem.writeCertificates(caPem, List.of(certificates.ca()));
        secretFile = dir.resolve("secret");
        Files.writeString(secretFile, FakeFleet.SECRET + "\n", StandardCharsets.UTF_8);
    }

    static DevCertificates generate() {
        return DevCertificates.generate(List.of("localhost", "127.0.0.1"), Duration.ofHours(1), Clock.systemUTC(),
                new SecureRandom());
    }

    /** The launcher's --transport=osquery flags against {@code fleet}, with test-sized waits. */
    TlsOptions.Builder options(FakeFleet fleet) {
        return TlsOptions.builder().hostname(fleet.hostname())
                .enrollEndpoint("/api/v1/osquery/enroll").configEndpoint("/api/v1/osquery/config")
                .loggerEndpoint("/api/v1/osquery/log")
                .distributedReadEndpoint("/api/v1/osquery/distributed/read")
                .distributedWriteEndpoint("/api/v1/osquery/distributed/write")
                .serverCerts(caPem).enrollSecretPath(secretFile).loggerPeriod(Duration.ofSeconds(1))
                .retryBackoff(Duration.ofMillis(10)).requestTimeout(Duration.ofSeconds(5));
    }
}
