package dev.kolide.updater.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Notary 0.7.0 metadata (updater/src/test/resources/notary, captured per stage) walked by the client. */
class NotaryVectorsTest {

    static final String GUN = "kolide/osqueryd";
    static final String[] STAGES = {"01-init", "02-targets", "03-snapshot-key-to-server", "04-delegations",
        "05a-rotate-root", "05b-rotate-targets", "05c-rotate-timestamp", "06-publish-again"};

    @TempDir
    Path local;

    static Path modeDir(String mode) throws Exception {
        return Path.of(NotaryVectorsTest.class.getResource("/notary/" + mode).toURI());
    }

    static Clock clockFor(String mode) throws Exception {
        Instant generated = Instant.parse(Files.readString(modeDir(mode).resolve("GENERATED_AT")).trim());
        return Clock.fixed(generated.plusSeconds(1), ZoneOffset.UTC);
    }

    static Map<String, byte[]> snapshotOf(Path dir) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}: every stage verifies, rotations are followed, delegations resolve")
    @ValueSource(strings = {"local", "signer"})
    void walksEveryStage(String mode) throws Exception {
        Path dir = modeDir(mode);
        Clock clock = clockFor(mode);
        TufClient.bootstrap(local, GUN, Files.readAllBytes(dir.resolve("01-init/root.json")), clock, false);
        FakeRemote remote = new FakeRemote();
        TufClient client = TufClient.open(local, GUN, remote, clock);
        int[] rootVersions = {1, 1, 2, 2, 3, 4, 5, 5};
        long[] timestampVersions = {1, 2, 3, 6, 7, 8, 9, 10};
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < STAGES.length; i++) {
            remote.serveStage(dir.resolve(STAGES[i]));
            UpdateResult result = client.update();
            seen.add(STAGES[i]);
            assertThat(client.rootVersion()).as(STAGES[i]).isEqualTo(rootVersions[i]);
            assertThat(client.timestampVersion()).as(STAGES[i]).isEqualTo(timestampVersions[i]);
            assertThat(result.timestampChanged()).as(STAGES[i]).isTrue();
            // the store holds the exact served bytes
            for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
                assertThat(local.resolve(role + ".json")).as(STAGES[i] + " " + role)
                        .hasBinaryContent(Files.readAllBytes(dir.resolve(STAGES[i]).resolve(role + ".json")));
            }
            switch (STAGES[i]) {
                case "01-init" -> assertThat(result.targets()).isEmpty();
                case "02-targets" -> {
                    assertThat(result.targets()).containsOnlyKeys("linux/osqueryd-stable.tar.gz",
                            "darwin/osqueryd-stable.tar.gz");
                    assertThat(result.changed()).containsExactlyInAnyOrder("linux/osqueryd-stable.tar.gz",
                            "darwin/osqueryd-stable.tar.gz");
                }
                case "04-delegations" -> {
                    assertThat(result.targets().get("darwin/osqueryd-beta.tar.gz").role())
                            .isEqualTo("targets/releases");
                    assertThat(result.targets().get("linux/osqueryd-alpha.tar.gz").role()).isEqualTo("targets/qa");
                    assertThat(result.changed()).containsExactlyInAnyOrder("darwin/osqueryd-beta.tar.gz",
                            "linux/osqueryd-alpha.tar.gz");
                    assertThat(local.resolve("targets/releases.json")).hasBinaryContent(
                            Files.readAllBytes(dir.resolve(STAGES[i]).resolve("targets/releases.json")));
                }
                case "06-publish-again" -> {
                    assertThat(result.targets()).containsOnlyKeys("linux/osqueryd-stable.tar.gz",
                            "darwin/osqueryd-stable.tar.gz", "darwin/osqueryd-beta.tar.gz",
                            "linux/osqueryd-alpha.tar.gz", "linux/osqueryd-nightly.tar.gz");
                    assertThat(result.changed()).containsExactlyInAnyOrder("linux/osqueryd-stable.tar.gz",
                            "linux/osqueryd-nightly.tar.gz");
                    assertThat(result.targets().get("linux/osqueryd-stable.tar.gz").role()).isEqualTo("targets");
                }
                default -> assertThat(result.changed()).as(STAGES[i]).isEmpty();
            }
            // a second cycle against the same server changes nothing
            UpdateResult again = client.update();
            assertThat(again.timestampChanged()).isFalse();
            assertThat(again.changed()).isEmpty();
            assertThat(again.targets().keySet()).isEqualTo(result.targets().keySet());
        }
        assertThat(seen).hasSize(STAGES.length);
        // the stage 06 targets match the mirror's files
        Path mirror = Path.of(getClass().getResource("/notary/mirror/06").toURI());
        for (Target t : client.targets().values()) {
            byte[] file = Files.readAllBytes(mirror.resolve(t.name()));
            assertThat((long) file.length).isEqualTo(t.length());
            assertThat(FileMeta.digest("sha256", file)).isEqualTo(t.hashes().get("sha256"));
            assertThat(FileMeta.digest("sha512", file)).isEqualTo(t.hashes().get("sha512"));
        }
        byte[] old = Files.readAllBytes(Path.of(getClass().getResource("/notary/mirror/05c").toURI())
                .resolve("linux/osqueryd-stable.tar.gz"));
        assertThat(FileMeta.digest("sha256", old))
                .isNotEqualTo(client.target("linux/osqueryd-stable.tar.gz").hashes().get("sha256"));
        assertThatThrownBy(() -> client.target("windows/osqueryd-stable.tar.gz"))
                .isInstanceOf(NoSuchTargetException.class);
    }

    @ParameterizedTest(name = "{0}: a client at stage 01 jumps straight to stage 06 through N.root.json")
    @ValueSource(strings = {"local", "signer"})
    void jumpsFromFirstToLastStage(String mode) throws Exception {
        Path dir = modeDir(mode);
        Clock clock = clockFor(mode);
        TufClient.bootstrap(local, GUN, Files.readAllBytes(dir.resolve("01-init/root.json")), clock, false);
        FakeRemote remote = new FakeRemote();
        TufClient client = TufClient.open(local, GUN, remote, clock);
        remote.serveStage(dir.resolve("06-publish-again"));
        UpdateResult result = client.update();
        assertThat(client.rootVersion()).isEqualTo(5);
        assertThat(result.targets()).hasSize(5);
        assertThat(remote.requests).extracting(FakeRemote.Request::name).startsWith("2.root.json", "3.root.json",
                "4.root.json", "5.root.json", "6.root.json", "timestamp.json", "snapshot.json", "targets.json");
        assertThat(remote.capAskedFor("2.root.json")).isEqualTo(512 * 1024);
        assertThat(remote.capAskedFor("snapshot.json")).isEqualTo(dir.resolve("06-publish-again/snapshot.json")
                .toFile().length());
    }

    @ParameterizedTest(name = "{0}: the stage 06 timestamp is expired 14 days after generation")
    @ValueSource(strings = {"local", "signer"})
    void expiredTimestampIsAFreeze(String mode) throws Exception {
        Path dir = modeDir(mode);
        Clock late = Clock.offset(clockFor(mode), java.time.Duration.ofDays(14));
        TufClient.bootstrap(local, GUN, Files.readAllBytes(dir.resolve("01-init/root.json")), late, false);
        FakeRemote remote = new FakeRemote();
        remote.serveStage(dir.resolve("06-publish-again"));
        TufClient client = TufClient.open(local, GUN, remote, late);
        assertThatThrownBy(client::update).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.role()).isEqualTo("timestamp");
            assertThat(e.check()).isEqualTo("expired");
        });
        assertThat(local.resolve("timestamp.json")).doesNotExist();
    }

    /** One byte changed in a served file. */
    @ParameterizedTest(name = "{0}: one byte changed in {1} fails with {3}, nothing saved")
    @org.junit.jupiter.params.provider.CsvSource({
        "local,  snapshot.json,          200, hash,      snapshot",
        "signer, snapshot.json,          200, hash,      snapshot",
        "local,  targets.json,           300, hash,      targets",
        "local,  targets/qa.json,        100, hash,      targets/qa",
        "signer, targets/releases.json,  100, hash,      targets/releases",
        "local,  timestamp.json,         100, threshold, timestamp",
        "signer, timestamp.json,         100, threshold, timestamp",
        "local,  5.root.json,            -30, threshold, root",
        "signer, 5.root.json,            -30, threshold, root",
    })
    void alteredByteIsRefused(String mode, String file, int offset, String check, String role) throws Exception {
        Path dir = modeDir(mode);
        Clock clock = clockFor(mode);
        // root files are tested from 05b (root v4), the others from 05c (same root as 06)
        String base = file.endsWith("root.json") ? "05b-rotate-targets" : "05c-rotate-timestamp";
        TufClient.bootstrap(local, GUN, Files.readAllBytes(dir.resolve(base + "/root.json")), clock, false);
        FakeRemote remote = new FakeRemote();
        TufClient client = TufClient.open(local, GUN, remote, clock);
        remote.serveStage(dir.resolve(base));
        if (!file.startsWith("targets/")) {
            client.update(); // a warm client; a delegation unchanged since would come from its cache
        }
        Map<String, byte[]> before = snapshotOf(local);

        remote.serveStage(dir.resolve("06-publish-again"));
        byte[] body = remote.files.get(file);
        // flip a letter inside the signed part so the document still parses
        int at = offset < 0 ? body.length + offset : offset;
        while (!Character.isLetterOrDigit(body[at])) {
            at++;
        }
        body[at] = (byte) (body[at] == 'A' ? 'B' : 'A');
        remote.put(file, body);

        assertThatThrownBy(client::update).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.role()).isEqualTo(role);
            assertThat(e.check()).isEqualTo(check);
        });
        Map<String, byte[]> after = snapshotOf(local);
        if (file.endsWith("root.json")) {
            assertThat(client.rootVersion()).isEqualTo(4);
        }
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((k, v) -> assertThat(v).as(k).isEqualTo(before.get(k)));
    }
}
