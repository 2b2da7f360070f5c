package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** A parsed root: its keys and the key ids and threshold of {@code root}, {@code targets}, {@code snapshot}, {@code timestamp}. */
record RootMetadata(SignedMetadata metadata, Map<String, TufKey> keys, Map<String, RoleKeys> roles,
        boolean consistentSnapshot) {

    static final String[] TOP_LEVEL_ROLES = {"root", "targets", "snapshot", "timestamp"};

    static RootMetadata parse(byte[] raw) {
        SignedMetadata md = SignedMetadata.parse("root", "root", raw);
        JsonNode signed = md.signed();
        Map<String, TufKey> keys = new HashMap<>();
        JsonNode keysNode = Json.object("root", signed, "keys");
        for (Iterator<Map.Entry<String, JsonNode>> it = keysNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.put(e.getKey(), TufKey.parse("root", e.getKey(), e.getValue()));
        }
        JsonNode rolesNode = Json.object("root", signed, "roles");
        Map<String, RoleKeys> roles = new HashMap<>();
        for (String role : TOP_LEVEL_ROLES) {
            JsonNode r = rolesNode.get(role);
            if (r == null || !r.isObject()) {
                throw Json.format("root", "no role " + role);
            }
            roles.put(role, new RoleKeys(role, keys, keyIds("root", r), threshold("root", r)));
        }
        JsonNode cs = signed.get("consistent_snapshot");
        return new RootMetadata(md, keys, roles, cs != null && cs.asBoolean(false));
    }

    static Set<String> keyIds(String role, JsonNode roleNode) {
        Set<String> ids = new HashSet<>();
        for (JsonNode id : Json.array(role, roleNode, "keyids")) {
            if (!id.isTextual()) {
                throw Json.format(role, "a keyid is not a string");
            }
            ids.add(id.textValue());
        }
        return ids;
    }

    static int threshold(String role, JsonNode roleNode) {
        long t = Json.count(role, roleNode, "threshold");
        if (t < 1 || t > Integer.MAX_VALUE) {
            throw new VerificationFailedException(role, "threshold", "threshold " + t + " is not usable");
        }
        return (int) t;
    }

    int version() {
        return (int) Math.min(Integer.MAX_VALUE, metadata.version());
    }

    RoleKeys role(String name) {
        return roles.get(name);
    }

    /**
     * The root role's keys that Notary would accept for {@code gun}: {@code *-x509} keys only when their
     * certificate's CN is the GUN (or a {@code prefix*} wildcard of it), not SHA-1 signed and, when
     * {@code checkValidity}, valid at {@code now}.
     */
    RoleKeys rootKeysFor(String gun, Instant now, boolean checkValidity) {
        RoleKeys root = roles.get("root");
        Set<String> usable = new HashSet<>();
        for (String id : root.keyIds()) {
            TufKey key = keys.get(id);
            if (key != null && RootCertificates.problem(key, gun, now, checkValidity) == null) {
                usable.add(id);
            }
        }
        return new RoleKeys("root", keys, usable, root.threshold());
    }

    /** Why the root's x509 root keys are unusable, or null when each one is fine. */
    String certificateProblems(String gun, Instant now) {
        StringBuilder problems = new StringBuilder();
        for (String id : roles.get("root").keyIds()) {
            TufKey key = keys.get(id);
            String problem = key == null ? null : RootCertificates.problem(key, gun, now, true);
            if (problem != null) {
                problems.append(problems.length() == 0 ? "" : "; ").append(id, 0, 8).append(": ").append(problem);
            }
        }
        return problems.length() == 0 ? null : problems.toString();
    }
}
