package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed timestamp: the meta of {@code snapshot} (Notary's key {@code snapshot}, the spec's {@code snapshot.json}). */
record TimestampMetadata(SignedMetadata metadata, FileMeta snapshot) {

    static TimestampMetadata parse(byte[] raw) {
        SignedMetadata md = SignedMetadata.parse("timestamp", "timestamp", raw);
        JsonNode meta = Json.object("timestamp", md.signed(), "meta");
        JsonNode snapshot = meta.has("snapshot") ? meta.get("snapshot") : meta.get("snapshot.json");
        if (snapshot == null) {
            throw Json.format("timestamp", "no meta for snapshot");
        }
        return new TimestampMetadata(md, FileMeta.parse("timestamp", snapshot));
    }
}
