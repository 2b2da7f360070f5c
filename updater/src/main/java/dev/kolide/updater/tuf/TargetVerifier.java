package dev.kolide.updater.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a target's bytes as they stream in (spec 5.7.3): more than {@code length} bytes fails at once, and
 * {@link #finish()} fails unless the length and every hash with a known algorithm match. Feed nothing to the
 * installer before {@code finish()} returns.
 */
public final class TargetVerifier {

    private final Target target;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private long seen;

    /** @throws VerificationFailedException {@code hash} when the target has no hash this client knows */
    public TargetVerifier(Target target) {
        this.target = target;
        for (String alg : target.hashes().keySet()) {
            String jca = FileMeta.jcaName(alg);
            if (jca != null) {
                try {
                    digests.put(alg, MessageDigest.getInstance(jca));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("the JDK has no " + jca, e);
                }
            }
        }
        if (digests.isEmpty()) {
            throw new VerificationFailedException(target.name(), "hash", "no hash algorithm this client knows: "
                    + target.hashes().keySet());
        }
    }

    /** @throws VerificationFailedException {@code length} as soon as more than the target's length arrived */
    public void update(byte[] buffer, int offset, int count) {
        seen += count;
        if (seen > target.length()) {
            throw new VerificationFailedException(target.name(), "length", "more than " + target.length()
                    + " bytes");
        }
        for (MessageDigest d : digests.values()) {
            d.update(buffer, offset, count);
        }
    }

    /** @throws VerificationFailedException {@code length} or {@code hash} */
    public void finish() {
        if (seen != target.length()) {
            throw new VerificationFailedException(target.name(), "length", seen + " bytes, expected "
                    + target.length());
        }
        for (Map.Entry<String, MessageDigest> e : digests.entrySet()) {
            if (!MessageDigest.isEqual(e.getValue().digest(), target.hashes().get(e.getKey()))) {
                throw new VerificationFailedException(target.name(), "hash", e.getKey() + " does not match");
            }
        }
    }

    /** Checks a whole file at once. */
    public static void verify(Target target, byte[] content) {
        TargetVerifier v = new TargetVerifier(target);
        v.update(content, 0, content.length);
        v.finish();
    }
}
