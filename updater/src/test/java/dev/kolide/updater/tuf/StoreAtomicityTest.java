package dev.kolide.updater.tuf;

import static dev.kolide.updater.tuf.TestRepository.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A failed cycle leaves the local repository byte-identical, whatever fails and wherever in the cycle. */
class StoreAtomicityTest {

    @TempDir
    Path local;

    @ParameterizedTest(name = "failure: {0}")
    @ValueSource(strings = {"timestamp network error", "snapshot network error", "targets network error",
        "delegation network error", "delegation 404", "delegation bad signature", "delegation expired",
        "targets garbage", "timestamp not JSON"})
    void failedCycleChangesNothing(String failure) throws Exception {
        TestRepository r = TestRepository.standard();
        TestRepository.Delegated d = r.delegate("targets", "targets/releases",
                new TestRepository.RoleSpec(1, TestKey.ecdsa()), "");
        d.targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta 1"));
        r.publish();
        TufClient client = r.bootstrapAndOpen(local);
        client.update();
        Map<String, Target> trustedTargets = client.targets();
        long trustedTimestamp = client.timestampVersion();

        r.targets.put("linux/osqueryd-nightly.tar.gz", bytes("nightly"));
        d.targets.put("darwin/osqueryd-beta.tar.gz", bytes("beta 2"));
        switch (failure) {
            case "delegation bad signature" -> r.signers.put("targets/releases", List.of(TestKey.ecdsa()));
            case "delegation expired" -> r.expires.put("targets/releases", r.now.minusSeconds(1));
            default -> { }
        }
        r.publish();
        switch (failure) {
            case "timestamp network error" -> r.remote.failing.add("timestamp.json");
            case "snapshot network error" -> r.remote.failing.add("snapshot.json");
            case "targets network error" -> r.remote.failing.add("targets.json");
            case "delegation network error" -> r.remote.failing.add("targets/releases.json");
            case "delegation 404" -> r.remote.files.remove("targets/releases.json");
            case "targets garbage" -> r.remote.put("targets.json", new byte[r.published.get("targets").length]);
            case "timestamp not JSON" -> r.remote.put("timestamp.json", bytes("<html>"));
            default -> { }
        }
        Map<String, byte[]> before = LocalFiles.read(local);
        assertThatThrownBy(client::update).isInstanceOf(TufException.class);
        LocalFiles.assertSame(local, before);
        assertThat(client.targets()).isEqualTo(trustedTargets);
        assertThat(client.timestampVersion()).isEqualTo(trustedTimestamp);
        try (Stream<Path> files = Files.walk(local)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        TrustedStore store = new TrustedStore(local);
        store.write("targets/releases", bytes("one"));
        store.write("targets/releases", bytes("two"));
        assertThat(store.read("targets/releases")).contains(bytes("two"));
        assertThat(LocalFiles.read(local)).containsOnlyKeys("targets/releases.json");
    }
}
