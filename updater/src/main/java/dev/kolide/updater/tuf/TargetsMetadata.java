package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed targets role (top-level or delegated): its targets and its delegations in listed order. */
record TargetsMetadata(SignedMetadata metadata, Map<String, FileMeta> targets, Map<String, TufKey> delegationKeys,
        List<Delegation> delegations) {

    /** A delegation as Notary writes it; {@code paths} are plain prefixes, {@code ""} matches everything. */
    record Delegation(String name, RoleKeys keys, List<String> paths, boolean terminating) {
    }

    static TargetsMetadata parse(String role, byte[] raw) {
        SignedMetadata md = SignedMetadata.parse(role, "targets", raw);
        Map<String, FileMeta> targets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.object(role, md.signed(), "targets").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FileMeta meta = FileMeta.parse(role, e.getValue());
            if (meta.length().isEmpty() || meta.hashes().isEmpty()) {
                throw Json.format(role, "target " + e.getKey() + " has no length or no hashes");
            }
            targets.put(e.getKey(), meta);
        }
        Map<String, TufKey> keys = new HashMap<>();
        List<Delegation> delegations = new ArrayList<>();
        JsonNode d = md.signed().get("delegations");
        if (d != null && !d.isNull()) {
            if (!d.isObject()) {
                throw Json.format(role, "'delegations' is not an object");
            }
            if (d.has("keys")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = Json.object(role, d, "keys").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    keys.put(e.getKey(), TufKey.parse(role, e.getKey(), e.getValue()));
                }
            }
            if (d.has("roles")) {
                for (JsonNode r : Json.array(role, d, "roles")) {
                    if (!r.isObject()) {
                        throw Json.format(role, "a delegation is not an object");
                    }
                    String name = Json.text(role, r, "name");
                    List<String> paths = new ArrayList<>();
                    // path_hash_prefixes (not Notary's) is not supported: such a delegation matches no path
                    if (r.has("paths")) {
                        for (JsonNode p : Json.array(role, r, "paths")) {
                            if (!p.isTextual()) {
                                throw Json.format(role, "a path of " + name + " is not a string");
                            }
                            paths.add(p.textValue());
                        }
                    }
                    JsonNode terminating = r.get("terminating");
                    delegations.add(new Delegation(name, new RoleKeys(name, keys, RootMetadata.keyIds(role, r),
                            RootMetadata.threshold(role, r)), List.copyOf(paths),
                            terminating != null && terminating.asBoolean(false)));
                }
            }
        }
        return new TargetsMetadata(md, targets, Map.copyOf(keys), List.copyOf(delegations));
    }
}
