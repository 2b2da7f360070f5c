package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes X.509 certificates and private keys in PEM. Keys are read as PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) and written as PKCS#8, which OpenSSL, Go and
 * the JDK all read. Encrypted keys are refused: the programs run unattended, with no one to type a passphrase.
 */
public final class Pem {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    /** Every certificate in {@code file}, in file order; other blocks (a key in a combined file) are skipped. */
    public static List<X509Certificate> readCertificates(Path file) {
        requireNonNull(file, "file is null");
        return parseCertificates(readFile(file, "certificates"), file.toString());
    }

    /**
     * Every certificate in {@code pem}; {@code source} names where the text came from, for error messages. Read
     * with the JDK alone (no BouncyCastle): the launcher reads its root certificates at every start, and loading
     * BouncyCastle's parser for that cost it ~150 classes of memory for good.
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        requireNonNull(pem, "pem is null");
        requireNonNull(source, "source is null");
        String doing = "reading certificates from " + source;
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new TlsSetupException(doing + ": this Java has no X.509 support", e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : certificateBlocks(pem, doing)) {
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new TlsSetupException(doing + ": malformed PEM: certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(doing + ": no CERTIFICATE block found");
        }
        return List.copyOf(certificates);
    }

    /** The DER of each CERTIFICATE block, in order; other blocks are skipped, unterminated ones refused. */
    private static List<byte[]> certificateBlocks(String pem, String doing) {
        List<byte[]> blocks = new ArrayList<>();
        String type = null;
        StringBuilder body = new StringBuilder();
        for (String line : pem.split("\r?\n|\r")) {
            String trimmed = line.strip();
            if (type == null) {
                if (trimmed.startsWith(BEGIN) && trimmed.endsWith(DASHES)) {
                    type = trimmed.substring(BEGIN.length(), trimmed.length() - DASHES.length());
                    body.setLength(0);
                }
            } else if (trimmed.equals(END + type + DASHES)) {
                if (type.equals("CERTIFICATE")) {
                    try {
                        blocks.add(Base64.getDecoder().decode(body.toString()));
                    } catch (IllegalArgumentException e) {
                        throw new TlsSetupException(doing + ": malformed PEM: certificate " + (blocks.size() + 1)
                                + " is not base64 (" + e.getMessage() + ")", e);
                    }
                }
                type = null;
            } else {
                body.append(trimmed);
            }
        }
        if (type != null) {
            throw new TlsSetupException(doing + ": malformed PEM: the " + type + " block has no END line");
        }
        return blocks;
    }

    /** The one private key in {@code file}; certificates in the same file are skipped. */
    public static PrivateKey readPrivateKey(Path file) {
        requireNonNull(file, "file is null");
        return parsePrivateKey(readFile(file, "private key"), file.toString());
    }

    /** The one private key in {@code pem}; {@code source} names where the text came from, for error messages. */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        requireNonNull(pem, "pem is null");
        requireNonNull(source, "source is null");
        String doing = "reading private key from " + source;
        List<PrivateKey> keys = new ArrayList<>();
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object block : blocks(pem, doing)) {
            try {
                if (block instanceof PrivateKeyInfo) { // PKCS#8
                    keys.add(converter.getPrivateKey((PrivateKeyInfo) block));
                } else if (block instanceof PEMKeyPair) { // PKCS#1 RSA or SEC1 EC
                    // The private part only: a SEC1 key may omit its public key (the JDK's encoding does).
                    keys.add(converter.getPrivateKey(((PEMKeyPair) block).getPrivateKeyInfo()));
                } else if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsSetupException(doing + ": the key is encrypted, and encrypted keys are not"
                            + " supported; decrypt it first (openssl pkey -in encrypted.key -out plain.key)");
                }
            } catch (IOException e) {
                throw new TlsSetupException(doing + ": the key could not be decoded: " + e.getMessage(), e);
            }
            // Anything else (a certificate in a combined file) is not a key: skip it.
        }
        if (keys.isEmpty()) {
            throw new TlsSetupException(doing + ": no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found");
        }
        if (keys.size() > 1) {
            throw new TlsSetupException(doing + ": found " + keys.size() + " private keys, expected one");
        }
        return keys.get(0);
    }

    /** {@code certificates} as concatenated CERTIFICATE blocks. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        requireNonNull(certificates, "certificates is null");
        return encode(new ArrayList<>(certificates), "encoding certificates as PEM");
    }

    /** {@code key} as an unencrypted PKCS#8 PRIVATE KEY block. */
    public static String encodePrivateKey(PrivateKey key) {
        requireNonNull(key, "key is null");
        try {
            return encode(List.of(new JcaPKCS8Generator(key, null)), "encoding a private key as PEM");
        } catch (IOException e) {
            throw new TlsSetupException("encoding a " + key.getAlgorithm() + " private key as PKCS#8 PEM", e);
        }
    }

    /** Writes {@code certificates} to {@code file}, replacing it. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        requireNonNull(file, "file is null");
        String pem = encodeCertificates(certificates);
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsSetupException("writing certificates to " + file, e);
        }
    }

    /**
     * Writes {@code key} to {@code file}, replacing it, readable by the owner only (0600 where the file system
     * has POSIX permissions). The key goes to a new owner-only file that is then renamed over {@code file}, so
     * it is never readable by others, not even for a moment, and a reader never sees half a key.
     */
    public static void writePrivateKey(Path file, PrivateKey key) {
        requireNonNull(file, "file is null");
        String pem = encodePrivateKey(key);
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = isPosix(directory.getFileSystem())
                    ? Files.createTempFile(directory, ".key", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".key", ".tmp");
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TlsSetupException("writing private key to " + file, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static String readFile(Path file, String what) {
        try {
            // ISO-8859-1 maps every byte, so a stray non-ASCII comment cannot fail the decoding.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsSetupException("reading " + what + " from " + file, e);
        }
    }

    private static List<Object> blocks(String pem, String doing) {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (!(block instanceof ASN1ObjectIdentifier)) { // EC PARAMETERS: the curve is in the key too
                    blocks.add(block);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // BouncyCastle reports bad base64 and bad DER as unchecked exceptions as well as IOExceptions.
            throw new TlsSetupException(doing + ": malformed PEM: " + e.getMessage(), e);
        }
        return blocks;
    }

    private static String encode(List<Object> objects, String doing) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new TlsSetupException(doing, e);
        }
        return text.toString();
    }

    private static boolean isPosix(FileSystem fileSystem) {
        return fileSystem.supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // Only left behind after a failed write, which already reports the cause.
        }
    }
}
