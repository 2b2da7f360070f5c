package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a parent role says about a file: Notary's {@code {length, hashes{sha256, sha512 base64}}}, with the spec's
 * optional {@code version} honoured when present. Hashes and length are over the raw served bytes.
 */
record FileMeta(OptionalLong length, Map<String, byte[]> hashes, OptionalLong version) {

    FileMeta {
        hashes = Map.copyOf(hashes);
    }

    static FileMeta parse(String role, JsonNode node) {
        if (!node.isObject()) {
            throw Json.format(role, "meta is not an object");
        }
        OptionalLong length = node.has("length") ? OptionalLong.of(Json.count(role, node, "length"))
                : OptionalLong.empty();
        OptionalLong version = node.has("version") ? OptionalLong.of(Json.count(role, node, "version"))
                : OptionalLong.empty();
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        if (node.has("hashes")) {
            JsonNode h = Json.object(role, node, "hashes");
            for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
                String alg = it.next();
                hashes.put(alg, Json.base64(role, Json.text(role, h, alg), "hash " + alg));
            }
        }
        return new FileMeta(length, hashes, version);
    }

    /** The JCA name of a hash algorithm Notary uses, or null for one this client does not know. */
    static String jcaName(String alg) {
        return switch (alg) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName(alg)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + alg, e);
        }
    }

    /** True when there is something to check the bytes against (a length or a hash). */
    boolean pinsContent() {
        return length.isPresent() || !hashes.isEmpty();
    }

    /**
     * Checks length and every known hash over the raw bytes, before anything parses them.
     *
     * @throws VerificationFailedException {@code length} or {@code hash}; {@code hash} also when hashes are listed
     *     but none has an algorithm this client knows
     */
    void check(String role, byte[] raw) {
        if (length.isPresent() && raw.length != length.getAsLong()) {
            throw new VerificationFailedException(role, "length", raw.length + " bytes, expected "
                    + length.getAsLong());
        }
        if (hashes.isEmpty()) {
            return;
        }
        int known = 0;
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            if (jcaName(e.getKey()) == null) {
                continue;
            }
            known++;
            if (!MessageDigest.isEqual(digest(e.getKey(), raw), e.getValue())) {
                throw new VerificationFailedException(role, "hash", e.getKey() + " does not match");
            }
        }
        if (known == 0) {
            throw new VerificationFailedException(role, "hash", "no hash algorithm this client knows: "
                    + hashes.keySet());
        }
    }

    /** Same content as far as both say: equal lengths and equal hashes for the algorithms both list. */
    boolean sameContent(FileMeta other) {
        if (length.isPresent() && other.length.isPresent() && length.getAsLong() != other.length.getAsLong()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            byte[] o = other.hashes.get(e.getKey());
            if (o != null && !Arrays.equals(o, e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
