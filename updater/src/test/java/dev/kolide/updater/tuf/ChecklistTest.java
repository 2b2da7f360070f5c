package dev.kolide.updater.tuf;

import static dev.kolide.updater.tuf.TestRepository.GUN;
import static dev.kolide.updater.tuf.TestRepository.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 33 rows of the checklist in reference tuf.md §C, one (or a few) tests per row, named by row. */
class ChecklistTest {

    @TempDir
    Path local;

    static void fails(ThrowingCallable call, String role, String check) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.role()).as(e.getMessage()).isEqualTo(role);
            assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
        });
    }

    /** Runs a failing cycle and checks the local repository is byte-identical afterwards. */
    void failsUnchanged(TufClient client, String role, String check) throws Exception {
        Map<String, byte[]> before = LocalFiles.read(local);
        fails(client::update, role, check);
        LocalFiles.assertSame(local, before);
    }

    // ---- root

    @Test
    @DisplayName("row 01: a root not signed by its own keys is refused at bootstrap, the directory untouched")
    void row01_unsignedRootRefused() throws Exception {
        TestRepository r = TestRepository.standard();
        r.signers.put("root", List.of(TestKey.ecdsa()));
        byte[] forged = r.rootBytes();
        fails(() -> TufClient.bootstrap(local, GUN, forged, r.clock, false), "root", "threshold");
        assertThat(LocalFiles.read(local)).isEmpty();
    }

    @Test
    @DisplayName("row 01: no trusted root, or a tampered one on disk: open refuses, the directory untouched")
    void row01_missingOrTamperedTrustedRoot() throws Exception {
        TestRepository r = TestRepository.standard();
        assertThatThrownBy(() -> TufClient.open(local, GUN, r.remote, r.clock))
                .isInstanceOf(NotBootstrappedException.class).hasMessageContaining("bootstrap");
        assertThat(LocalFiles.read(local)).isEmpty();
        r.signers.put("root", List.of(TestKey.ecdsaX509(GUN, r.now)));
        Files.write(local.resolve("root.json"), r.rootBytes());
        Map<String, byte[]> before = LocalFiles.read(local);
        fails(() -> TufClient.open(local, GUN, r.remote, r.clock), "root", "threshold");
        LocalFiles.assertSame(local, before);
    }

    @Test
    @DisplayName("row 02: an expired trusted root does not stop the update when a newer root is available")
    void row02_expiredTrustedRoot() {
        TestRepository r = TestRepository.standard();
        r.expires.put("root", r.now.minus(Duration.ofDays(1)));
        r.firstRoot = null;
        r.publishRoot();
        r.expires.remove("root");
        r.versions.put("root", 2L);
        r.publishRoot();
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        assertThat(client.rootVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("row 03: root N+1 not signed by the old root's threshold is refused, N kept")
    void row03_newRootNotSignedByOld() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        TestKey newKey = TestKey.ecdsaX509(GUN, r.now);
        r.roles.put("root", new TestRepository.RoleSpec(1, newKey));
        r.versions.put("root", 2L);
        r.publishRoot(); // signed by the new key only
        failsUnchanged(client, "root", "threshold");
        assertThat(client.rootVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("row 04: root N+1 not signed by its own threshold is refused")
    void row04_newRootNotSignedByItself() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        TestKey oldKey = r.roles.get("root").keys.get(0);
        r.roles.put("root", new TestRepository.RoleSpec(1, TestKey.ecdsaX509(GUN, r.now)));
        r.versions.put("root", 2L);
        r.signers.put("root", List.of(oldKey));
        r.publishRoot();
        failsUnchanged(client, "root", "threshold");
    }

    @Test
    @DisplayName("row 05: threshold raised on rotation: old threshold over old keys, new threshold over new keys")
    void row05_thresholdRaised() throws Exception {
        TestRepository r = new TestRepository();
        TestKey a = TestKey.ecdsaX509(GUN, r.now);
        TestKey b = TestKey.ecdsa();
        TestKey c = TestKey.ed25519();
        r.roles.put("root", new TestRepository.RoleSpec(2, a, b, c));
        r.roles.put("targets", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("snapshot", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("timestamp", new TestRepository.RoleSpec(1, TestKey.ed25519()));
        r.publishRoot();
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        TestKey d = TestKey.ecdsa();
        TestKey e = TestKey.ed25519();
        TestKey f = TestKey.ecdsaX509(GUN, r.now);
        r.roles.put("root", new TestRepository.RoleSpec(3, d, e, f));
        r.versions.put("root", 2L);
        r.signers.put("root", List.of(a, d, e, f)); // one old key: under the old threshold of 2
        r.publishRoot();
        failsUnchanged(client, "root", "threshold");
        r.signers.put("root", List.of(a, b, d, e)); // two new keys: under the new threshold of 3
        r.publishRoot();
        failsUnchanged(client, "root", "threshold");
        r.signers.put("root", List.of(a, b, d, e, f));
        r.publishRoot();
        client.update();
        assertThat(client.rootVersion()).isEqualTo(2);
        // lowered to 1: one new key suffices, the old threshold (3) still applies to the old keys
        TestKey g = TestKey.ecdsa();
        r.roles.put("root", new TestRepository.RoleSpec(1, g));
        r.versions.put("root", 3L);
        r.signers.put("root", List.of(d, e, g));
        r.publishRoot();
        failsUnchanged(client, "root", "threshold");
        r.signers.put("root", List.of(d, e, f, g));
        r.publishRoot();
        client.update();
        assertThat(client.rootVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("row 06: duplicate keyids and duplicate signatures count once")
    void row06_duplicatesCountOnce() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        TestKey k = TestKey.ed25519();
        r.rotate("timestamp", new TestRepository.RoleSpec(2, k, k)); // keyids [k, k], threshold 2
        r.publish(); // timestamp signed twice by k
        Map<String, byte[]> before = LocalFiles.read(local);
        fails(client::update, "timestamp", "threshold");
        assertThat(client.rootVersion()).isEqualTo(2);
        assertThat(LocalFiles.read(local).keySet()).isSubsetOf(before.keySet());
    }

    @Test
    @DisplayName("row 07: one invalid signature among enough valid ones is accepted")
    void row07_oneBadSignatureAmongGood() {
        TestRepository r = TestRepository.standard();
        TestKey ts = r.roles.get("timestamp").keys.get(0);
        TestKey impostor = new TestKey(ts.type(), ts.method(), ts.publicB64(), TestKey.ed25519().privateKey());
        r.signers.put("timestamp", List.of(impostor, TestKey.ecdsa(), ts));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        assertThat(client.update().targets()).hasSize(2);
    }

    @ParameterizedTest(name = "row 08: {0}.root.json served as 2.root.json is refused (version)")
    @ValueSource(longs = {1, 3})
    void row08_sameOrSkippedRootVersion(long version) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("root", version);
        r.expires.put("root", r.now.plus(Duration.ofDays(99))); // differs from the trusted v1
        r.remote.put("2.root.json", r.rootBytes());
        failsUnchanged(client, "root", "version");
        assertThat(client.rootVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("row 09: an expired intermediate root is fine when the final root is valid")
    void row09_intermediateRootExpired() {
        TestRepository r = TestRepository.standard();
        r.versions.put("root", 2L);
        r.expires.put("root", r.now.minus(Duration.ofDays(1)));
        r.publishRoot();
        r.versions.put("root", 3L);
        r.expires.remove("root");
        r.publishRoot();
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        assertThat(client.rootVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("row 10: an expired final root is a freeze error, and the new root is still persisted")
    void row10_finalRootExpired() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("root", 2L);
        r.expires.put("root", r.now.minus(Duration.ofMinutes(1)));
        byte[] v2 = r.publishRoot();
        r.publish();
        fails(client::update, "root", "expired");
        assertThat(local.resolve("root.json")).hasBinaryContent(v2);
        assertThat(client.rootVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("row 11: an endless root chain stops after the fixed number of root files")
    void row11_endlessRootChain() {
        TestRepository r = TestRepository.standard();
        for (long v = 2; v <= 10; v++) {
            r.versions.put("root", v);
            r.publishRoot();
        }
        r.publish();
        TufClient.bootstrap(local, GUN, r.firstRoot, r.clock, false);
        TufClient client = TufClient.open(local, GUN, r.remote, r.clock, new Limits(3, 512 * 1024, 16 * 1024,
                5 * 1024 * 1024, 32));
        client.update();
        assertThat(client.rootVersion()).isEqualTo(4);
        assertThat(r.remote.requests).filteredOn(q -> q.name().endsWith(".root.json")).hasSize(3);
        assertThat(Limits.defaults().maxRootFiles()).isEqualTo(256);
    }

    @Test
    @DisplayName("row 12: every fetch is capped: root 512 KiB, timestamp 16 KiB, snapshot/targets at their meta length")
    void row12_capsAskedFor() {
        TestRepository r = TestRepository.standard();
        r.delegate("targets", "targets/releases", new TestRepository.RoleSpec(1, TestKey.ecdsa()), "")
                .targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        assertThat(r.remote.capAskedFor("2.root.json")).isEqualTo(512 * 1024);
        assertThat(r.remote.capAskedFor("timestamp.json")).isEqualTo(16 * 1024);
        assertThat(r.remote.capAskedFor("snapshot.json")).isEqualTo(r.published.get("snapshot").length);
        assertThat(r.remote.capAskedFor("targets.json")).isEqualTo(r.published.get("targets").length);
        assertThat(r.remote.capAskedFor("targets/releases.json"))
                .isEqualTo(r.published.get("targets/releases").length);
    }

    @ParameterizedTest(name = "row 12: endless data for {0} fails, nothing saved")
    @ValueSource(strings = {"2.root.json", "timestamp.json", "snapshot.json", "targets.json"})
    void row12_endlessData(String name) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        r.remote.endless.add(name);
        Map<String, byte[]> before = LocalFiles.read(local);
        assertThatThrownBy(client::update).isInstanceOf(FetchFailedException.class);
        LocalFiles.assertSame(local, before);
        // a repository ignoring the cap is caught by the client
        r.remote.endless.clear();
        r.remote.ignoringCap.add(name);
        String role = name.replaceAll("^2\\.", "").replace(".json", "");
        failsUnchanged(client, role, "length");
        // a target longer than its length fails as soon as the excess arrives
        r.remote.ignoringCap.clear();
        Target t = client.update().targets().get("linux/osqueryd-stable.tar.gz");
        TargetVerifier v = new TargetVerifier(t);
        fails(() -> v.update(new byte[(int) t.length() + 1], 0, (int) t.length() + 1),
                "linux/osqueryd-stable.tar.gz", "length");
    }

    // ---- timestamp

    @ParameterizedTest(name = "row 13: timestamp {0} is refused")
    @ValueSource(strings = {"unsigned", "signed by a wrong key", "signed by the snapshot key"})
    void row13_timestampBadSignatures(String how) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.signers.put("timestamp", switch (how) {
            case "unsigned" -> List.of();
            case "signed by a wrong key" -> List.of(TestKey.ed25519());
            default -> r.roles.get("snapshot").keys;
        });
        r.publish();
        failsUnchanged(client, "timestamp", "threshold");
    }

    @Test
    @DisplayName("row 14: a lower timestamp version is a rollback error; the trusted one is kept")
    void row14_timestampRollback() throws Exception {
        TestRepository r = TestRepository.standard();
        r.publish(); // timestamp v2
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("timestamp", 1L);
        r.publish();
        failsUnchanged(client, "timestamp", "rollback");
        assertThat(client.timestampVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("row 15: the same timestamp version stops the cycle quietly")
    void row15_timestampSameVersion() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("timestamp", 1L);
        r.targets.put("linux/osqueryd-nightly.tar.gz", bytes("new"));
        r.publish();
        Map<String, byte[]> before = LocalFiles.read(local);
        UpdateResult result = client.update();
        assertThat(result.timestampChanged()).isFalse();
        assertThat(result.changed()).isEmpty();
        assertThat(result.targets()).doesNotContainKey("linux/osqueryd-nightly.tar.gz");
        LocalFiles.assertSame(local, before);
    }

    @Test
    @DisplayName("row 16: a snapshot version in the timestamp meta that decreases is refused")
    void row16_snapshotVersionInTimestampDecreases() throws Exception {
        TestRepository r = TestRepository.standard();
        r.metaVersions = true;
        r.versions.put("snapshot", 5L);
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("snapshot", 4L);
        r.publish();
        failsUnchanged(client, "timestamp", "rollback");
    }

    @ParameterizedTest(name = "row 17: an expired {0} is a freeze error")
    @ValueSource(strings = {"timestamp", "snapshot", "targets", "targets/releases"})
    void row17_expired(String role) throws Exception {
        TestRepository r = TestRepository.standard();
        r.delegate("targets", "targets/releases", new TestRepository.RoleSpec(1, TestKey.ecdsa()), "")
                .targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.expires.put(role, r.now); // expires == now counts as expired
        r.publish();
        failsUnchanged(client, role, "expired");
    }

    // ---- snapshot

    @ParameterizedTest(name = "row 18: snapshot {0} refused before its signatures are looked at")
    @ValueSource(strings = {"older", "same-length garbage"})
    void row18_mixAndMatch(String how) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        byte[] older = r.published.get("snapshot");
        r.publish();
        byte[] current = r.published.get("snapshot");
        byte[] served = how.equals("older") ? older : new byte[current.length];
        r.remote.put("snapshot.json", served);
        Map<String, byte[]> before = LocalFiles.read(local);
        assertThatThrownBy(client::update).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.role()).isEqualTo("snapshot");
            assertThat(e.check()).isIn("length", "hash");
        });
        LocalFiles.assertSame(local, before);
    }

    @Test
    @DisplayName("row 19: a snapshot whose version is not the one in the timestamp meta is refused")
    void row19_snapshotVersionMismatch() throws Exception {
        TestRepository r = TestRepository.standard();
        r.metaVersions = true;
        TufClient client = r.bootstrapAndOpen(local);
        r.tweaks.put("timestamp", s -> ((ObjectNode) s.get("meta").get("snapshot")).put("version", 99));
        r.publish();
        failsUnchanged(client, "snapshot", "version");
    }

    @ParameterizedTest(name = "row 20: {0} is refused")
    @ValueSource(strings = {"snapshot version lower", "targets version lower", "delegated role removed"})
    void row20_snapshotRollbacks(String how) throws Exception {
        TestRepository r = TestRepository.standard();
        TestRepository.Delegated d = r.delegate("targets", "targets/releases",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "");
        d.targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        r.publish(); // targets v2, snapshot v2
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        String role = "snapshot";
        switch (how) {
            case "snapshot version lower" -> r.versions.put("snapshot", 1L);
            case "targets version lower" -> {
                r.versions.put("targets", 1L);
                role = "targets";
            }
            default -> d.inSnapshot = false;
        }
        r.publish();
        failsUnchanged(client, role, "rollback");
    }

    // ---- targets

    @ParameterizedTest(name = "row 21: targets {0} is refused")
    @ValueSource(strings = {"not matching the snapshot meta", "unsigned"})
    void row21_targetsBad(String how) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        byte[] older = r.published.get("targets");
        if (how.equals("unsigned")) {
            r.signers.put("targets", List.of());
        }
        r.targets.put("linux/osqueryd-nightly.tar.gz", bytes("new"));
        r.publish();
        if (how.equals("unsigned")) {
            failsUnchanged(client, "targets", "threshold");
        } else {
            r.remote.put("targets.json", older);
            Map<String, byte[]> before = LocalFiles.read(local);
            assertThatThrownBy(client::update).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
                assertThat(e.role()).isEqualTo("targets");
                assertThat(e.check()).isIn("length", "hash");
            });
            LocalFiles.assertSame(local, before);
        }
    }

    @ParameterizedTest(name = "row 22: after a fast-forward of {0}, rotating its key lets lower versions in")
    @ValueSource(strings = {"timestamp", "snapshot"})
    void row22_fastForwardRecovery(String role) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        r.versions.put(role, 1000L); // an attacker holding the key pushed version 1000
        r.publish();
        client.update();
        r.versions.put(role, 3L);
        r.publish();
        failsUnchanged(client, role, "rollback");
        r.rotate(role, new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.versions.put(role, 3L);
        r.publish();
        client.update();
        assertThat(client.rootVersion()).isEqualTo(2);
        if (role.equals("timestamp")) {
            assertThat(client.timestampVersion()).isEqualTo(3);
        }
    }

    // ---- delegations

    @Test
    @DisplayName("row 23: a delegation cycle is walked once")
    void row23_delegationCycle() {
        TestRepository r = TestRepository.standard();
        TestRepository.Delegated a = r.delegate("targets", "targets/a", new TestRepository.RoleSpec(1,
                TestKey.ecdsa()), "");
        a.targets.put("a/file", bytes("a"));
        TestRepository.Delegated b = r.delegate("targets/a", "targets/b", new TestRepository.RoleSpec(1,
                TestKey.ed25519()), "");
        b.targets.put("b/file", bytes("b"));
        // b delegates back to a
        r.tweaks.put("targets/b", s -> {
            ObjectNode del = (ObjectNode) s.get("delegations");
            ((ObjectNode) del.get("keys")).set(a.spec.keys.get(0).id(), a.spec.keys.get(0).json());
            ObjectNode back = del.withArray("roles").addObject();
            back.putArray("keyids").add(a.spec.keys.get(0).id());
            back.put("name", "targets/a");
            back.putArray("paths").add("");
            back.put("threshold", 1);
        });
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        assertThat(client.update().targets()).containsKeys("a/file", "b/file");
        assertThat(r.remote.requests).filteredOn(q -> q.name().equals("targets/a.json")).hasSize(1);
    }

    @Test
    @DisplayName("row 23: at most the maximum number of delegated roles is visited")
    void row23_tooManyDelegations() {
        TestRepository r = TestRepository.standard();
        TestKey k = TestKey.ed25519();
        for (int i = 1; i <= 5; i++) {
            r.delegate("targets", "targets/d" + i, new TestRepository.RoleSpec(1, k), "")
                    .targets.put("d" + i + "/file", bytes("d" + i));
        }
        r.publish();
        TufClient.bootstrap(local, GUN, r.firstRoot, r.clock, false);
        TufClient client = TufClient.open(local, GUN, r.remote, r.clock, new Limits(256, 512 * 1024, 16 * 1024,
                5 * 1024 * 1024, 3));
        assertThat(client.update().targets()).containsKeys("d1/file", "d2/file", "d3/file")
                .doesNotContainKeys("d4/file", "d5/file");
        assertThat(r.remote.fetched("targets/d4.json")).isFalse();
        assertThat(Limits.defaults().maxDelegatedRoles()).isEqualTo(32);
    }

    @Test
    @DisplayName("row 24: a delegated role missing from the snapshot is not used")
    void row24_delegationNotInSnapshot() {
        TestRepository r = TestRepository.standard();
        TestRepository.Delegated d = r.delegate("targets", "targets/releases",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "");
        d.targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        d.inSnapshot = false;
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        assertThat(client.update().targets()).doesNotContainKey("darwin/osqueryd-beta.tar.gz");
        assertThat(r.remote.fetched("targets/releases.json")).isFalse();
    }

    @Test
    @DisplayName("row 25: a cached delegated role is re-verified against the current delegator")
    void row25_cachedRoleReverified() throws Exception {
        TestRepository r = TestRepository.standard();
        TestKey k1 = TestKey.ed25519(); // deterministic signatures: the re-published file is byte-identical
        TestRepository.Delegated d = r.delegate("targets", "targets/releases", new TestRepository.RoleSpec(1, k1),
                "");
        d.targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        r.expires.put("targets/releases", r.now.plus(Duration.ofDays(30)));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        byte[] cached = Files.readAllBytes(local.resolve("targets/releases.json"));
        // the delegator now trusts another key for the role; the role file itself is unchanged
        d.spec = new TestRepository.RoleSpec(1, TestKey.ed25519());
        r.signers.put("targets/releases", List.of(k1));
        d.version--;
        r.publish();
        assertThat(r.published.get("targets/releases")).isEqualTo(cached);
        r.remote.requests.clear();
        failsUnchanged(client, "targets/releases", "threshold");
        assertThat(r.remote.fetched("targets/releases.json")).isFalse();
    }

    @Test
    @DisplayName("row 26: targets outside a role's paths are ignored; the first role in pre-order wins")
    void row26_pathsAndPrecedence() {
        TestRepository r = TestRepository.standard();
        TestRepository.Delegated releases = r.delegate("targets", "targets/releases",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "");
        releases.targets.put("linux/shared.tar.gz", bytes("from releases"));
        releases.targets.put("linux/osqueryd-stable.tar.gz", bytes("releases' stable"));
        TestRepository.Delegated qa = r.delegate("targets", "targets/qa",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "linux/");
        qa.targets.put("linux/shared.tar.gz", bytes("from qa"));
        qa.targets.put("darwin/outside.tar.gz", bytes("outside qa's paths"));
        qa.targets.put("linux/alpha.tar.gz", bytes("alpha"));
        TestRepository.Delegated sub = r.delegate("targets/qa", "targets/qa/sub",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "");
        sub.targets.put("darwin/sub.tar.gz", bytes("outside the parent's paths"));
        sub.targets.put("linux/sub.tar.gz", bytes("inside"));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        Map<String, Target> targets = client.update().targets();
        assertThat(targets.get("linux/shared.tar.gz").role()).isEqualTo("targets/releases");
        assertThat(targets.get("linux/osqueryd-stable.tar.gz").role()).isEqualTo("targets");
        assertThat(targets.get("linux/alpha.tar.gz").role()).isEqualTo("targets/qa");
        assertThat(targets.get("linux/sub.tar.gz").role()).isEqualTo("targets/qa/sub");
        assertThat(targets).doesNotContainKeys("darwin/outside.tar.gz", "darwin/sub.tar.gz");
        assertThatThrownBy(() -> client.target("darwin/outside.tar.gz")).isInstanceOf(NoSuchTargetException.class);
        TargetVerifier.verify(client.target("linux/shared.tar.gz"), bytes("from releases"));
    }

    @ParameterizedTest(name = "row 27: a target that is {0} fails, nothing handed on")
    @ValueSource(strings = {"altered", "truncated", "empty", "extended"})
    void row27_arbitrarySoftware(String how) {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        Target t = client.update().targets().get("linux/osqueryd-stable.tar.gz");
        byte[] good = r.targets.get("linux/osqueryd-stable.tar.gz");
        TargetVerifier.verify(t, good);
        byte[] bad = switch (how) {
            case "altered" -> {
                byte[] b = good.clone();
                b[0] ^= 1;
                yield b;
            }
            case "truncated" -> java.util.Arrays.copyOf(good, good.length - 1);
            case "empty" -> new byte[0];
            default -> java.util.Arrays.copyOf(good, good.length + 1);
        };
        assertThatThrownBy(() -> TargetVerifier.verify(t, bad)).isInstanceOfSatisfying(
                VerificationFailedException.class, e -> assertThat(e.check()).isIn("length", "hash"));
    }

    @Test
    @DisplayName("row 28: an unknown target is 'no such target'; only unknown hash algorithms are refused")
    void row28_unknownTargetAndHashes() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        assertThatThrownBy(() -> client.target("linux/nope.tar.gz")).isInstanceOf(NoSuchTargetException.class)
                .hasMessageContaining("linux/nope.tar.gz");
        fails(() -> new TargetVerifier(new Target("x", 1, Map.of("md5", new byte[16]), "targets")), "x", "hash");
        r.tweaks.put("snapshot", s -> {
            ObjectNode meta = (ObjectNode) s.get("meta").get("targets");
            meta.putObject("hashes").put("blake7", "AAAA");
        });
        r.publish();
        failsUnchanged(client, "targets", "hash");
    }

    @ParameterizedTest(name = "row 29: {0} with the wrong _type is refused")
    @ValueSource(strings = {"timestamp", "snapshot", "targets"})
    void row29_wrongType(String role) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        r.tweaks.put(role, s -> s.put("_type", role.equals("snapshot") ? "Timestamp" : "Snapshot"));
        r.publish();
        failsUnchanged(client, role, "type");
    }

    @Test
    @DisplayName("row 29: a root with the wrong _type, or whose version differs from its URL, is refused")
    void row29_rootTypeAndUrlVersion() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.versions.put("root", 2L);
        r.tweaks.put("root", s -> s.put("_type", "Targets"));
        r.publishRoot();
        failsUnchanged(client, "root", "type");
        r.tweaks.clear();
        r.versions.put("root", 7L);
        r.remote.put("2.root.json", r.rootBytes());
        failsUnchanged(client, "root", "version");
    }

    @Test
    @DisplayName("row 30: unknown fields are accepted and the exact served bytes are kept")
    void row30_unknownFields() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
            r.tweaks.put(role, s -> {
                s.putObject("x-kolide").put("note", "<&> \u00e9 \"quoted\" \\ \t").putArray("list").add(1).add(-2);
                s.put("aaa-first", true);
            });
        }
        r.versions.put("root", 2L);
        r.publishRoot();
        r.publish();
        client.update();
        for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
            assertThat(local.resolve(role + ".json")).hasBinaryContent(r.published.get(role));
        }
    }

    @ParameterizedTest(name = "row 31: consistent_snapshot={0}, meta versions={1}")
    @org.junit.jupiter.params.provider.CsvSource({"false, false", "true, true", "true, false"})
    void row31_consistentSnapshots(boolean consistent, boolean metaVersions) {
        TestRepository r = new TestRepository();
        r.consistentSnapshot = consistent;
        r.metaVersions = metaVersions;
        r.roles.put("root", new TestRepository.RoleSpec(1, TestKey.ecdsaX509(GUN, r.now)));
        r.roles.put("targets", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("snapshot", new TestRepository.RoleSpec(1, TestKey.ecdsa()));
        r.roles.put("timestamp", new TestRepository.RoleSpec(1, TestKey.ed25519()));
        r.targets.put("linux/osqueryd-stable.tar.gz", bytes("stable"));
        r.delegate("targets", "targets/releases", new TestRepository.RoleSpec(1, TestKey.ecdsa()), "")
                .targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta"));
        r.publishRoot();
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        Target t = client.update().targets().get("linux/osqueryd-stable.tar.gz");
        List<String> names = r.remote.requests.stream().map(FakeRemote.Request::name).toList();
        String hex = java.util.HexFormat.of().formatHex(t.hashes().get("sha256"));
        if (!consistent) {
            assertThat(names).contains("snapshot.json", "targets.json", "targets/releases.json");
            assertThat(client.downloadName(t)).isEqualTo("linux/osqueryd-stable.tar.gz");
        } else {
            assertThat(names).doesNotContain("snapshot.json", "targets.json", "targets/releases.json");
            if (metaVersions) {
                assertThat(names).contains("1.snapshot.json", "1.targets.json", "1.targets/releases.json");
            } else {
                assertThat(names).anyMatch(n -> n.matches("snapshot\\.[0-9a-f]{64}\\.json"))
                        .anyMatch(n -> n.matches("targets/releases\\.[0-9a-f]{64}\\.json"));
            }
            assertThat(client.downloadName(t)).isEqualTo("linux/" + hex + ".osqueryd-stable.tar.gz");
        }
        assertThat(names).contains("timestamp.json");
    }

    @ParameterizedTest(name = "row 32: a missing {0} (404) is an error, state unchanged")
    @ValueSource(strings = {"timestamp", "snapshot", "targets"})
    void row32_missingMetadata(String role) throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.publish();
        r.remote.files.remove(role + ".json");
        Map<String, byte[]> before = LocalFiles.read(local);
        assertThatThrownBy(client::update).isInstanceOfSatisfying(FetchFailedException.class,
                e -> assertThat(e.role()).isEqualTo(role));
        LocalFiles.assertSame(local, before);
    }

    @Test
    @DisplayName("row 33: after a failed cycle the next one restarts from the trusted state")
    void row33_nextCycleAfterFailure() throws Exception {
        TestRepository r = TestRepository.standard();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        r.targets.put("linux/osqueryd-nightly.tar.gz", bytes("nightly"));
        r.publish();
        byte[] snapshot = r.remote.files.get("snapshot.json");
        r.remote.put("snapshot.json", bytes("{}"));
        fails(client::update, "snapshot", "length");
        assertThat(client.targets()).doesNotContainKey("linux/osqueryd-nightly.tar.gz");
        r.remote.put("snapshot.json", snapshot);
        UpdateResult result = client.update();
        assertThat(result.changed()).containsExactly("linux/osqueryd-nightly.tar.gz");
        assertThat(client.target("linux/osqueryd-nightly.tar.gz").role()).isEqualTo("targets");
        // a new client on the same directory sees the same trusted state
        assertThat(TufClient.open(local, GUN, r.remote, r.clock).targets().keySet())
                .isEqualTo(client.targets().keySet());
    }
}
