package dev.kolide.launcher.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.kit.testing.MutableClock;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.NodeInvalidException;
import dev.kolide.launcher.service.ServiceUnavailableException;
import dev.kolide.launcher.store.LauncherStore;
import dev.kolide.launcher.store.LogBufferLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {
    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
    private final ScriptedServer server = new ScriptedServer();
    private final AtomicInteger probes = new AtomicInteger();
    private LauncherStore store;

    @BeforeEach
    void open() {
        store = LauncherStore.open(root, LogBufferLimits.defaults(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private NodeKeys nodeKeys() {
        return new NodeKeys(server, store, () -> "secret", () -> {
            probes.incrementAndGet();
            return new EnrollmentDetails("12", "", "ubuntu", "host-1", "", "", "", "5.0", "0.1", "Ubuntu", "debian",
                    "", "linux", "amd64");
        }, clock);
    }

    @Test
    void enrollsOnceAndKeepsTheKeyAcrossRestarts() {
        assertThat(nodeKeys().nodeKey()).isEqualTo("key-1");
        String identifier = HostIdentity.of(store);
        store.close();
        store = LauncherStore.open(root, LogBufferLimits.defaults(), clock);

        NodeKeys restarted = nodeKeys();
        assertThat(store.get(NodeKeys.KEY)).contains("key-1");
        assertThat(restarted.nodeKey()).isEqualTo("key-1");
        assertThat(HostIdentity.of(store)).isEqualTo(identifier);
        assertThat(server.enrollments).hasSize(1);
        assertThat(server.enrollments.get(0).hostname()).isEqualTo("host-1");
    }

    @Test
    void reEnrollsOnceWhenTheServerForgetsTheKey() {
        NodeKeys keys = nodeKeys();
        keys.nodeKey();
        server.revokeAll();

        assertThat(keys.call(server::requestConfig)).isEqualTo("{\"schedule\":{}}");
        assertThat(keys.nodeKey()).isEqualTo("key-2");
        assertThat(store.get(NodeKeys.KEY)).contains("key-2");
        assertThat(server.enrollments).hasSize(2);
    }

    @Test
    void retriesARefusedCallOnlyOnce() {
        NodeKeys keys = nodeKeys();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> keys.call(key -> {
            calls.incrementAndGet();
            throw new NodeInvalidException("refused whatever the key");
        })).isInstanceOf(NodeInvalidException.class);
        assertThat(calls).hasValue(2);
        assertThat(server.enrollments).hasSize(2);
    }

    @Test
    void backsOffAfterARefusedEnrollment() {
        server.secret("another");
        NodeKeys keys = nodeKeys();
        assertThatThrownBy(keys::nodeKey).isInstanceOf(NodeInvalidException.class).hasMessageContaining("refused");
        int probesAfterFirst = probes.get();

        assertThatThrownBy(keys::nodeKey).isInstanceOf(NodeInvalidException.class)
                .hasMessageContaining("next attempt after");
        assertThat(probes).hasValue(probesAfterFirst);

        server.secret("secret");
        clock.advance(NodeKeys.FIRST_BACKOFF);
        assertThat(keys.nodeKey()).isEqualTo("key-1");
    }

    @Test
    void backOffDoublesUpToItsCapWhileTheServerIsAway() {
        server.down(true);
        NodeKeys keys = nodeKeys();
        Duration expected = NodeKeys.FIRST_BACKOFF;
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThatThrownBy(keys::nodeKey).isInstanceOf(ServiceUnavailableException.class);
            clock.advance(expected.minusMillis(1));
            assertThatThrownBy(keys::nodeKey).isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("next attempt after");
            clock.advance(Duration.ofMillis(1));
            Duration doubled = expected.multipliedBy(2);
            expected = doubled.compareTo(NodeKeys.MAX_BACKOFF) > 0 ? NodeKeys.MAX_BACKOFF : doubled;
        }
        server.down(false);
        assertThat(keys.nodeKey()).isEqualTo("key-1");
    }

    @Test
    void noSecretIsAClearError() {
        NodeKeys keys = new NodeKeys(server, store, () -> " ", () -> null, clock);
        assertThatThrownBy(keys::nodeKey).isInstanceOf(EnrollmentException.class)
                .hasMessageContaining("--enroll_secret");
    }
}
