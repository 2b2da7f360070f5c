package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One served metadata document: the exact bytes (what hashes, lengths and the trusted store use), the parsed
 * {@code signed} tree, its canonical bytes (what signatures cover) and the common fields.
 */
record SignedMetadata(String role, byte[] raw, JsonNode signed, byte[] canonicalSigned,
        List<MetadataSignature> signatures, long version, Instant expires) {

    record MetadataSignature(String keyId, String method, byte[] signature) {
    }

    /**
     * Parses {@code raw} as {@code {"signed":{...},"signatures":[...]}} whose {@code _type} must be
     * {@code expectedType} (case-insensitive: Notary writes {@code Root}, the spec {@code root}).
     */
    static SignedMetadata parse(String role, String expectedType, byte[] raw) {
        JsonNode doc = Json.parse(role, raw);
        JsonNode signed = Json.object(role, doc, "signed");
        String type = Json.text(role, signed, "_type");
        if (!type.toLowerCase(Locale.ROOT).equals(expectedType)) {
            throw new VerificationFailedException(role, "type", "_type is " + type + ", expected " + expectedType);
        }
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(signed);
        } catch (IllegalArgumentException e) {
            throw Json.format(role, e.getMessage());
        }
        List<MetadataSignature> signatures = new ArrayList<>();
        for (JsonNode s : Json.array(role, doc, "signatures")) {
            if (!s.isObject()) {
                throw Json.format(role, "a signature is not an object");
            }
            signatures.add(new MetadataSignature(Json.text(role, s, "keyid"), Json.text(role, s, "method"),
                    Json.base64(role, Json.text(role, s, "sig"), "a signature")));
        }
        return new SignedMetadata(role, raw.clone(), signed, canonical, List.copyOf(signatures),
                Json.count(role, signed, "version"), Json.instant(role, signed, "expires"));
    }

    /** Freeze check against the update's start time: expired when {@code expires <= now}. */
    void checkNotExpired(Instant now) {
        if (!now.isBefore(expires)) {
            throw new VerificationFailedException(role, "expired", "expired at " + expires + " (now " + now + ")");
        }
    }
}
