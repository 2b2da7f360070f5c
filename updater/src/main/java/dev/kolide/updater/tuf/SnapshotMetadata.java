package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** A parsed snapshot: meta by role name ({@code root}, {@code targets}, {@code targets/x}; a {@code .json} suffix is dropped). */
record SnapshotMetadata(SignedMetadata metadata, Map<String, FileMeta> meta) {

    SnapshotMetadata {
        meta = Map.copyOf(meta);
    }

    static SnapshotMetadata parse(byte[] raw) {
        SignedMetadata md = SignedMetadata.parse("snapshot", "snapshot", raw);
        Map<String, FileMeta> meta = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.object("snapshot", md.signed(), "meta").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey().endsWith(".json") ? e.getKey().substring(0, e.getKey().length() - 5)
                    : e.getKey();
            meta.put(name, FileMeta.parse("snapshot", e.getValue()));
        }
        return new SnapshotMetadata(md, meta);
    }
}
