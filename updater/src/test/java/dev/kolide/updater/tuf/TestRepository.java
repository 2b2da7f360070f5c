package dev.kolide.updater.tuf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Notary-shaped repository built in tests: keys of every type, Notary's FileMeta (length + base64 sha256/sha512,
 * no version unless asked), canonical {@code signed}, delegations, rotations; published into a {@link FakeRemote}.
 * Fields are meant to be changed by tests between publishes.
 */
final class TestRepository {

    static final String GUN = "kolide/osqueryd";
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Keys and threshold of one role. */
    static final class RoleSpec {
        List<TestKey> keys;
        int threshold;

        RoleSpec(int threshold, TestKey... keys) {
            this.keys = new ArrayList<>(List.of(keys));
            this.threshold = threshold;
        }
    }

    /** A delegated role: its delegator, keys, paths and targets. */
    static final class Delegated {
        final String parent;
        final String name;
        RoleSpec spec;
        List<String> paths;
        final Map<String, byte[]> targets = new LinkedHashMap<>();
        long version = 1;
        boolean inSnapshot = true;
        boolean terminating;

        Delegated(String parent, String name, RoleSpec spec, List<String> paths) {
            this.parent = parent;
            this.name = name;
            this.spec = spec;
            this.paths = paths;
        }
    }

    final Instant now = Instant.parse("2026-06-01T12:00:00Z");
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final FakeRemote remote = new FakeRemote();
    final Map<String, RoleSpec> roles = new HashMap<>();
    final Map<String, Long> versions = new HashMap<>(Map.of("root", 1L, "targets", 1L, "snapshot", 1L,
            "timestamp", 1L));
    final Map<String, Instant> expires = new HashMap<>();
    final Map<String, byte[]> targets = new LinkedHashMap<>();
    final Map<String, Delegated> delegations = new LinkedHashMap<>();
    /** Changes to a role's {@code signed} before it is signed. */
    final Map<String, Consumer<ObjectNode>> tweaks = new HashMap<>();
    /** Who signs a role instead of its own keys. */
    final Map<String, List<TestKey>> signers = new HashMap<>();
    boolean consistentSnapshot;
    /** Put {@code version} into FileMeta as the spec does (Notary does not). */
    boolean metaVersions;
    byte[] firstRoot;
    final Map<String, byte[]> published = new HashMap<>();

    /** Root ecdsa-x509 (CN = GUN), targets ecdsa, snapshot ecdsa, timestamp ed25519, two targets, published. */
    static TestRepository standard() {
        TestRepository r = new TestRepository();
        r.roles.put("root", new RoleSpec(1, TestKey.ecdsaX509(GUN, r.now)));
        r.roles.put("targets", new RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("snapshot", new RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("timestamp", new RoleSpec(1, TestKey.ed25519()));
        r.targets.put("linux/osqueryd-stable.tar.gz", bytes("linux stable 1"));
        r.targets.put("darwin/osqueryd-stable.tar.gz", bytes("darwin stable 1"));
        r.publishRoot();
        r.publish();
        return r;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Instant expiry(String role) {
        return expires.getOrDefault(role, now.plus(role.equals("timestamp") ? Duration.ofDays(14)
                : Duration.ofDays(3 * 365)));
    }

    // ---- root

    byte[] rootBytes() {
        ObjectNode s = JSON.objectNode();
        s.put("_type", "Root");
        s.put("consistent_snapshot", consistentSnapshot);
        s.put("expires", expiry("root").toString());
        ObjectNode keys = s.putObject("keys");
        ObjectNode rolesNode = s.putObject("roles");
        for (String role : RootMetadata.TOP_LEVEL_ROLES) {
            RoleSpec spec = roles.get(role);
            ObjectNode r = rolesNode.putObject(role);
            ArrayNode ids = r.putArray("keyids");
            for (TestKey k : spec.keys) {
                keys.set(k.id(), k.json());
                ids.add(k.id());
            }
            r.put("threshold", spec.threshold);
        }
        s.put("version", versions.get("root"));
        return sign("root", s, signers.getOrDefault("root", roles.get("root").keys));
    }

    /** Publishes the current root as {@code N.root.json} and {@code root.json}. */
    byte[] publishRoot() {
        byte[] raw = rootBytes();
        if (firstRoot == null) {
            firstRoot = raw;
        }
        remote.put(versions.get("root") + ".root.json", raw);
        remote.put("root.json", raw);
        published.put("root", raw);
        return raw;
    }

    /** Rotates root: new keys for {@code role} (root included), next root version signed by old and new root keys. */
    byte[] rotate(String role, RoleSpec newSpec) {
        List<TestKey> oldRoot = new ArrayList<>(roles.get("root").keys);
        roles.put(role, newSpec);
        versions.merge("root", 1L, Long::sum);
        List<TestKey> all = new ArrayList<>(roles.get("root").keys);
        oldRoot.stream().filter(k -> !all.contains(k)).forEach(all::add);
        signers.put("root", all);
        try {
            return publishRoot();
        } finally {
            signers.remove("root");
        }
    }

    // ---- targets, snapshot, timestamp

    Delegated delegate(String parent, String name, RoleSpec spec, String... paths) {
        Delegated d = new Delegated(parent, name, spec, List.of(paths));
        delegations.put(name, d);
        return d;
    }

    byte[] targetsBytes(String role, long version, Map<String, byte[]> files) {
        ObjectNode s = JSON.objectNode();
        s.put("_type", "Targets");
        ObjectNode del = s.putObject("delegations");
        ObjectNode keys = del.putObject("keys");
        ArrayNode rolesNode = del.putArray("roles");
        for (Delegated d : delegations.values()) {
            if (!d.parent.equals(role)) {
                continue;
            }
            ObjectNode r = rolesNode.addObject();
            ArrayNode ids = r.putArray("keyids");
            for (TestKey k : d.spec.keys) {
                keys.set(k.id(), k.json());
                ids.add(k.id());
            }
            r.put("name", d.name);
            ArrayNode paths = r.putArray("paths");
            d.paths.forEach(paths::add);
            r.put("threshold", d.spec.threshold);
            if (d.terminating) {
                r.put("terminating", true);
            }
        }
        s.put("expires", expiry(role).toString());
        ObjectNode t = s.putObject("targets");
        files.forEach((name, content) -> t.set(name, fileMeta(content, -1)));
        s.put("version", version);
        RoleSpec spec = role.equals("targets") ? roles.get("targets") : delegations.get(role).spec;
        return sign(role, s, signers.getOrDefault(role, spec.keys));
    }

    ObjectNode fileMeta(byte[] content, long version) {
        ObjectNode m = JSON.objectNode();
        ObjectNode h = m.putObject("hashes");
        h.put("sha256", TestKey.b64(FileMeta.digest("sha256", content)));
        h.put("sha512", TestKey.b64(FileMeta.digest("sha512", content)));
        m.put("length", content.length);
        if (metaVersions && version >= 0) {
            m.put("version", version);
        }
        return m;
    }

    /**
     * Publishes delegations, targets, snapshot and timestamp with the current versions, then bumps every version
     * for the next publish.
     */
    void publish() {
        ObjectNode snapMeta = JSON.objectNode();
        snapMeta.set("root", fileMeta(published.get("root"), versions.get("root")));
        for (Delegated d : delegations.values()) {
            byte[] raw = targetsBytes(d.name, d.version, d.targets);
            put(d.name, d.version, raw);
            if (d.inSnapshot) {
                snapMeta.set(d.name, fileMeta(raw, d.version));
            }
        }
        byte[] targetsRaw = targetsBytes("targets", versions.get("targets"), targets);
        put("targets", versions.get("targets"), targetsRaw);
        snapMeta.set("targets", fileMeta(targetsRaw, versions.get("targets")));

        ObjectNode snap = JSON.objectNode();
        snap.put("_type", "Snapshot");
        snap.put("expires", expiry("snapshot").toString());
        snap.set("meta", snapMeta);
        snap.put("version", versions.get("snapshot"));
        byte[] snapRaw = sign("snapshot", snap, signers.getOrDefault("snapshot", roles.get("snapshot").keys));
        put("snapshot", versions.get("snapshot"), snapRaw);

        ObjectNode ts = JSON.objectNode();
        ts.put("_type", "Timestamp");
        ts.put("expires", expiry("timestamp").toString());
        ts.putObject("meta").set("snapshot", fileMeta(snapRaw, versions.get("snapshot")));
        ts.put("version", versions.get("timestamp"));
        byte[] tsRaw = sign("timestamp", ts, signers.getOrDefault("timestamp", roles.get("timestamp").keys));
        remote.put("timestamp.json", tsRaw);
        published.put("timestamp", tsRaw);

        for (String role : List.of("targets", "snapshot", "timestamp")) {
            versions.merge(role, 1L, Long::sum);
        }
        delegations.values().forEach(d -> d.version++);
    }

    private void put(String role, long version, byte[] raw) {
        published.put(role, raw);
        if (!consistentSnapshot) {
            remote.put(role + ".json", raw);
        } else if (metaVersions) {
            remote.put(version + "." + role + ".json", raw);
        } else {
            remote.put(role + "." + HexFormat.of().formatHex(FileMeta.digest("sha256", raw)) + ".json", raw);
        }
    }

    /** Signs canonical {@code signed} (after the role's tweak) with each key, in Notary's document shape. */
    byte[] sign(String role, ObjectNode signed, List<TestKey> keys) {
        Consumer<ObjectNode> tweak = tweaks.get(role);
        if (tweak != null) {
            tweak.accept(signed);
        }
        byte[] canonical = CanonicalJson.encode(signed);
        ArrayNode sigs = JSON.arrayNode();
        for (TestKey k : keys) {
            ObjectNode sig = sigs.addObject();
            sig.put("keyid", k.id());
            sig.put("method", k.method());
            sig.put("sig", TestKey.b64(k.sign(canonical)));
        }
        return document(canonical, sigs);
    }

    static byte[] document(byte[] canonicalSigned, ArrayNode signatures) {
        return ("{\"signed\":" + new String(canonicalSigned, StandardCharsets.UTF_8) + ",\"signatures\":"
                + new String(CanonicalJson.encode(signatures), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- clients

    TufClient bootstrapAndOpen(Path local) {
        TufClient.bootstrap(local, GUN, firstRoot, clock, false);
        return TufClient.open(local, GUN, remote, clock);
    }

    TufClient open(Path local, Clock at) {
        return TufClient.open(local, GUN, remote, at);
    }
}
