package dev.kolide.kit.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * What a TLS server presents: its certificate chain (leaf first) and the leaf's private key. The key is checked
 * against the leaf when this is built, so a mismatched pair fails at start-up with both names, not at the first
 * handshake with "no cipher suites in common".
 */
public record ServerKeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    /*
     * Protects the key entry of the key store built in memory for the JDK's key manager, which insists on one.
     * The store never leaves the process, so the password protects nothing and need not be secret.
     */
    private static final String IN_MEMORY_KEY_STORE_PASSWORD = "in-memory";
    private static final String ALIAS = "server";

    public ServerKeyMaterial {
        requireNonNull(chain, "chain is null");
        requireNonNull(privateKey, "privateKey is null");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        chain = List.copyOf(chain);
        requireKeyMatches(chain.get(0), privateKey);
    }

    /** The chain in {@code certificateChainPem} (leaf first) and the key in {@code privateKeyPem}. */
    public static ServerKeyMaterial fromPemFiles(Path certificateChainPem, Path privateKeyPem) {
        requireNonNull(certificateChainPem, "certificateChainPem is null");
        requireNonNull(privateKeyPem, "privateKeyPem is null");
        List<X509Certificate> chain = Pem.readCertificates(certificateChainPem);
        PrivateKey key = Pem.readPrivateKey(privateKeyPem);
        try {
            return new ServerKeyMaterial(chain, key);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException("loading the server key pair from " + certificateChainPem + " and "
                    + privateKeyPem + ": " + e.getMessage(), e);
        }
    }

    /** A new key manager that presents this chain. */
    public X509ExtendedKeyManager keyManager() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(), IN_MEMORY_KEY_STORE_PASSWORD.toCharArray());
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager) {
                    return (X509ExtendedKeyManager) manager;
                }
            }
            throw new TlsSetupException("the JDK's " + factory.getAlgorithm() + " key manager factory offers no"
                    + " X509ExtendedKeyManager");
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("creating a key manager for " + leafName(), e);
        }
    }

    /**
     * A new server context presenting this chain. It has the JDK's default protocols and suites: limit each
     * engine or socket with {@link TlsProfile#applyTo}, or let {@link JettyTls} do it.
     */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager()}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("creating a server TLS context for " + leafName(), e);
        }
    }

    private KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, IN_MEMORY_KEY_STORE_PASSWORD.toCharArray(),
                    chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("putting the key of " + leafName() + " in an in-memory key store", e);
        }
    }

    private String leafName() {
        return chain.get(0).getSubjectX500Principal().toString();
    }

    /** Signs a few bytes with the key and checks them with the leaf's public key. */
    private static void requireKeyMatches(X509Certificate leaf, PrivateKey key) {
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            return; // a key type we do not know how to test; the handshake will tell
        }
        String leafName = leaf.getSubjectX500Principal().toString();
        if (!leaf.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the private key is " + key.getAlgorithm() + " but the certificate "
                    + leafName + " holds an " + leaf.getPublicKey().getAlgorithm() + " public key");
        }
        byte[] probe = "kolide key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the certificate " + leafName);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("checking that the private key belongs to the certificate "
                    + leafName + ": " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
    }
}
