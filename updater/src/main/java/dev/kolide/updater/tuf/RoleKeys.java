package dev.kolide.updater.tuf;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The keys a role may be signed with and how many of them must sign: the role's own {@code keyids} looked up in
 * the key map of the metadata that defines the role (root for the top-level roles, the delegator for delegations).
 */
record RoleKeys(String role, Map<String, TufKey> keys, Set<String> keyIds, int threshold) {

    RoleKeys {
        keys = Map.copyOf(keys);
        keyIds = Set.copyOf(keyIds);
    }

    /**
     * Counts distinct key ids of this role with a valid signature over the canonical {@code signed}; one bad or
     * foreign signature among enough good ones does not matter.
     *
     * @throws VerificationFailedException {@code threshold} when fewer than {@code threshold} distinct keys signed
     */
    void verify(SignedMetadata metadata) {
        if (threshold < 1) {
            throw new VerificationFailedException(metadata.role(), "threshold", "threshold " + threshold + " < 1");
        }
        Set<String> good = new HashSet<>();
        for (SignedMetadata.MetadataSignature s : metadata.signatures()) {
            TufKey key = keys.get(s.keyId());
            if (key != null && keyIds.contains(s.keyId()) && !good.contains(s.keyId())
                    && SignatureVerifier.verify(key, s.method(), metadata.canonicalSigned(), s.signature())) {
                good.add(s.keyId());
            }
        }
        if (good.size() < threshold) {
            throw new VerificationFailedException(metadata.role(), "threshold", good.size() + " valid signature(s) by "
                    + role + " keys, " + threshold + " needed");
        }
    }
}
