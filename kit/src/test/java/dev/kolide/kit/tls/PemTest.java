package dev.kolide.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PemTest {

    private static final String SOURCE = "test input";
    // What `openssl ecparam -name prime256v1 -genkey` puts before the key: the curve's OID.
    private static final String EC_PARAMETERS_BLOCK =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    // `openssl ecparam -name prime256v1 -genkey` (OpenSSL 3.0) and `openssl ec -pubout` of it.
    private static final String OPENSSL_EC_KEY = EC_PARAMETERS_BLOCK
            + "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIJy+NrFZBs1ET8o/WNj06IrlYXzjbWqnd7Ef+fMy/VlsoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEDxrFeIxz7kPNi7u82hgfCH5uOMmj1qpcxT5Sh9yHSmCniSY51/OJ\n"
            + "/MV+cVxU3dLleWrJbq6H9Zh6dE6ucK0ceQ==\n"
            + "-----END EC PRIVATE KEY-----\n";
    private static final String OPENSSL_EC_PUBLIC_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEDxrFeIxz7kPNi7u82hgfCH5uOMmj"
            + "1qpcxT5Sh9yHSmCniSY51/OJ/MV+cVxU3dLleWrJbq6H9Zh6dE6ucK0ceQ==";

    private final SecureRandom random = new SecureRandom();
    private final DevCertificates certificates =
            DevCertificates.generate(List.of("localhost"), Duration.ofHours(1), Clock.systemUTC(), random);
    private final KeyPair rsa = rsaKeyPair();

    @Test
    void certificatesRoundTripInOrder() {
        String pem = Pem.encodeCertificates(List.of(certificates.server(), certificates.ca()));

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Pem.parseCertificates(pem, SOURCE)).containsExactly(certificates.server(), certificates.ca());
    }

    @Test
    void certificatesAreReadWithWindowsLineEndingsAndTextAroundThem() {
        String server = Pem.encodeCertificates(List.of(certificates.server())).replace("\n", "\r\n");
        String pem = "subject=CN=dev\r\n" + server + "trailing words\r\n"
                + Pem.encodeCertificates(List.of(certificates.ca()));

        assertThat(Pem.parseCertificates(pem, SOURCE)).containsExactly(certificates.server(), certificates.ca());
    }

    @Test
    void ecKeyRoundTripsAsPkcs8() {
        String pem = Pem.encodePrivateKey(certificates.serverKey());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.parsePrivateKey(pem, SOURCE)).isEqualTo(certificates.serverKey());
    }

    @Test
    void rsaKeyRoundTripsAsPkcs8() {
        String pem = Pem.encodePrivateKey(rsa.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.parsePrivateKey(pem, SOURCE)).isEqualTo(rsa.getPrivate());
    }

    @Test
    void readsPkcs1RsaKey() throws IOException {
        String pem = traditionalPem(rsa.getPrivate());

        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Pem.parsePrivateKey(pem, SOURCE)).isEqualTo(rsa.getPrivate());
    }

    @Test
    void readsSec1EcKeyAsOpensslWritesIt() throws Exception {
        PrivateKey key = Pem.parsePrivateKey(OPENSSL_EC_KEY, SOURCE);

        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(signsFor(key, OPENSSL_EC_PUBLIC_KEY)).isTrue();
    }

    @Test
    void readsSec1EcKeyWithoutItsOptionalPublicKey() throws IOException {
        ECPrivateKey key = (ECPrivateKey) certificates.serverKey();
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(key.getEncoded());
        String pem = pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, key.getS(), pkcs8.getPrivateKeyAlgorithm().getParameters()).getEncoded());

        // The same key, encoded differently (the curve inside the SEC1 structure), so compare its parts.
        ECPrivateKey parsed = (ECPrivateKey) Pem.parsePrivateKey(pem, SOURCE);
        assertThat(parsed.getS()).isEqualTo(key.getS());
        assertThat(parsed.getParams().getCurve()).isEqualTo(key.getParams().getCurve());
    }

    @Test
    void readsKeyAndCertificatesFromOneCombinedFile() {
        String combined = Pem.encodeCertificates(List.of(certificates.server()))
                + Pem.encodePrivateKey(certificates.serverKey());

        assertThat(Pem.parseCertificates(combined, SOURCE)).containsExactly(certificates.server());
        assertThat(Pem.parsePrivateKey(combined, SOURCE)).isEqualTo(certificates.serverKey());
    }

    @Test
    void filesRoundTripAndTheKeyFileIsOwnerOnly(@TempDir Path directory) throws IOException {
        Path certificateFile = directory.resolve("chain.pem");
        Path keyFile = directory.resolve("server.key");

        Pem.writeCertificates(certificateFile, List.of(certificates.server(), certificates.ca()));
        Pem.writePrivateKey(keyFile, certificates.serverKey());

        assertThat(Pem.readCertificates(certificateFile)).containsExactly(certificates.server(), certificates.ca());
        assertThat(Pem.readPrivateKey(keyFile)).isEqualTo(certificates.serverKey());
        assertThat(directory).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void writingAKeyOverAWorldReadableFileLeavesItOwnerOnly(@TempDir Path directory) throws IOException {
        Path keyFile = directory.resolve("server.key");
        Files.writeString(keyFile, "old");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        Pem.writePrivateKey(keyFile, certificates.serverKey());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Pem.readPrivateKey(keyFile)).isEqualTo(certificates.serverKey());
    }

    Stream<Arguments> badCertificateInputs() {
        return Stream.of(
                Arguments.of("", "no CERTIFICATE block found"),
                Arguments.of("this is not PEM at all\n", "no CERTIFICATE block found"),
                Arguments.of(Pem.encodePrivateKey(certificates.serverKey()), "no CERTIFICATE block found"),
                Arguments.of("-----BEGIN CERTIFICATE-----\n!!!! not base64 ????\n-----END CERTIFICATE-----\n",
                        "malformed PEM"),
                Arguments.of("-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n", "malformed PEM"),
                Arguments.of("-----BEGIN CERTIFICATE-----\nMIIB\n", "malformed PEM"));
    }

    @ParameterizedTest
    @MethodSource("badCertificateInputs")
    void badCertificateInputIsRefusedSayingWhy(String input, String reason) {
        assertThatThrownBy(() -> Pem.parseCertificates(input, SOURCE))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("reading certificates from test input: ")
                .hasMessageContaining(reason);
    }

    Stream<Arguments> badKeyInputs() throws Exception {
        String noKey = "no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found";
        return Stream.of(
                Arguments.of("", noKey),
                Arguments.of("garbage\n", noKey),
                Arguments.of(EC_PARAMETERS_BLOCK, noKey),
                Arguments.of(Pem.encodeCertificates(List.of(certificates.ca())), noKey),
                Arguments.of(encryptedPkcs8(certificates.serverKey()), "the key is encrypted"),
                Arguments.of(encryptedTraditional(rsa.getPrivate()), "the key is encrypted"),
                Arguments.of(Pem.encodePrivateKey(certificates.serverKey()) + Pem.encodePrivateKey(rsa.getPrivate()),
                        "found 2 private keys, expected one"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n", "malformed PEM"));
    }

    @ParameterizedTest
    @MethodSource("badKeyInputs")
    void badKeyInputIsRefusedSayingWhy(String input, String reason) {
        assertThatThrownBy(() -> Pem.parsePrivateKey(input, SOURCE))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("reading private key from test input: ")
                .hasMessageContaining(reason);
    }

    @Test
    void errorsNameTheFile(@TempDir Path directory) throws IOException {
        Path missing = directory.resolve("missing.pem");
        Path garbage = Files.writeString(directory.resolve("garbage.pem"), "garbage");

        assertThatThrownBy(() -> Pem.readCertificates(missing))
                .hasMessage("reading certificates from " + missing)
                .hasCauseInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey(garbage))
                .hasMessageStartingWith("reading private key from " + garbage + ": no PRIVATE KEY");
    }

    private static String traditionalPem(PrivateKey key) throws IOException {
        // BouncyCastle writes a bare PrivateKey as OpenSSL's traditional PKCS#1 / SEC1 block.
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        }
        return text.toString();
    }

    private String encryptedPkcs8(PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // The JDK lacks the "AES/CBC/PKCS7Padding" name BouncyCastle asks for; its provider is used here
            // without registering it process-wide.
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider())
                    .setRandom(random).setPassword("secret".toCharArray()).build()));
        }
        assertThat(text.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        return text.toString();
    }

    private String encryptedTraditional(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new BouncyCastleProvider())
                    .setSecureRandom(random)
                    .build("secret".toCharArray()));
        }
        assertThat(text.toString()).contains("Proc-Type: 4,ENCRYPTED");
        return text.toString();
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        }
        return text.toString();
    }

    private static boolean signsFor(PrivateKey key, String base64PublicKey) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64PublicKey)));
        byte[] message = {1, 2, 3};
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
