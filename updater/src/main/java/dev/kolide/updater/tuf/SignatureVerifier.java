package dev.kolide.updater.tuf;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Notary's signature methods (case-insensitive): {@code ecdsa} (SHA-256, raw r||s), {@code eddsa},
 * {@code rsapss} (SHA-256, MGF1-SHA-256, salt 32) and {@code rsapkcs1v15} (SHA-256). Any problem, including an
 * unknown method or a method that does not fit the key, makes the one signature invalid and nothing more.
 */
final class SignatureVerifier {

    private SignatureVerifier() {
    }

    static boolean verify(TufKey key, String method, byte[] data, byte[] signature) {
        try {
            return switch (method.toLowerCase(Locale.ROOT)) {
                case "ecdsa" -> ecdsa(key, data, signature);
                case "eddsa" -> eddsa(key, data, signature);
                case "rsapss" -> rsa(key, data, signature, true);
                case "rsapkcs1v15" -> rsa(key, data, signature, false);
                default -> false;
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean ecdsa(TufKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        if (!(key.publicKey() instanceof ECPublicKey ec)) {
            return false;
        }
        // Notary sends r||s, each padded to the curve size (64 bytes for P-256), never DER
        int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        if (signature.length != 2 * size) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(ec);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static boolean eddsa(TufKey key, byte[] data, byte[] signature) {
        if (!key.type().equals("ed25519") || signature.length != 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.raw(), 0));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    private static boolean rsa(TufKey key, byte[] data, byte[] signature, boolean pss) throws GeneralSecurityException {
        if (!key.type().equals("rsa") && !key.type().equals("rsa-x509")) {
            return false;
        }
        Signature verifier;
        if (pss) {
            verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else {
            verifier = Signature.getInstance("SHA256withRSA");
        }
        verifier.initVerify(key.publicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }
}
