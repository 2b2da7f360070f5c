package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyMaterialTest {

    private final SecureRandom random = new SecureRandom();
    private final DevCertificates certificates =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    private final DevCertificates other =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);

    @Test
    void keyOfAnotherCertificateIsRefusedNamingBothFiles(@TempDir Path directory) {
        Path chain = directory.resolve("server.pem");
        Path key = directory.resolve("server.key");
        Pem.writeCertificates(chain, List.of(certificates.server()));
        Pem.writePrivateKey(key, other.serverKey());

        assertThatThrownBy(() -> ServerKeyMaterial.fromPemFiles(chain, key))
                .isInstanceOf(TlsSetupException.class)
                .hasMessage("loading the server key pair from " + chain + " and " + key
                        + ": the private key does not belong to the certificate CN=localhost");
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024, random); // size is irrelevant here; small is fast
        PrivateKey rsaKey = rsa.generateKeyPair().getPrivate();

        assertThatThrownBy(() -> new ServerKeyMaterial(List.of(certificates.server()), rsaKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key is RSA but the certificate CN=localhost holds an EC public key");
    }

    @Test
    void keyManagerPresentsTheChain() {
        ServerKeyMaterial material = new ServerKeyMaterial(
                List.of(certificates.server(), certificates.ca()), certificates.serverKey());

        var manager = material.keyManager();
        String alias = manager.chooseServerAlias("EC", null, null);

        assertThat(manager.getCertificateChain(alias)).containsExactly(certificates.server(), certificates.ca());
        assertThat(manager.getPrivateKey(alias)).isEqualTo(certificates.serverKey());
    }

    @Test
    void emptyChainIsRefused() {
        assertThatThrownBy(() -> new ServerKeyMaterial(List.of(), certificates.serverKey()))
                .hasMessage("the certificate chain is empty");
    }
}
