package dev.kolide.osquery.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.osquery.sdk.OsqueryTransportException;
import dev.kolide.osquery.sdk.testing.FakeManager;
import dev.kolide.kit.testing.ShortTempDir;
import dev.kolide.osquery.sdk.transport.UnixSocketServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExtensionManagerClientTest {
    private final ShortTempDir dir = new ShortTempDir();
    private final Path socket = dir.resolve("osquery.em");

    @AfterEach
    void clean() {
        dir.close();
    }

    @Test
    void callsReachTheManagerAndComeBackDecoded() throws Exception {
        try (FakeManager manager = new FakeManager(socket);
                ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofSeconds(2))) {
            assertThat(client.ping().message()).isEqualTo("pong");
            assertThat(client.query("select 1").response()).containsExactly(Map.of("sql", "select 1"));
            assertThat(client.options()).containsKey("verbose");
            assertThat(client.deregisterExtension(77).isOk()).isTrue();
            assertThat(manager.deregistered).containsExactly(77L);
        }
    }

    @Test
    void aPeerThatNeverAnswersTimesOutAfterTheTimeout() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (UnixSocketServer silent = UnixSocketServer.start(socket, "silent", connection -> hold.await());
                ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofMillis(500))) {
            long started = System.nanoTime();
            assertThatThrownBy(client::ping).isInstanceOf(OsqueryTransportException.class)
                    .hasMessageContaining("calling ping on " + socket).hasMessageContaining("timed out after 500 ms");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(elapsedMs).isBetween(450L, 3000L);
        } finally {
            hold.countDown();
        }
    }

    @Test
    void connectWaitsForTheSocketFileToAppear() throws Exception {
        CompletableFuture<ExtensionManagerClient> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return ExtensionManagerClient.connect(socket, Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(600);
        assertThat(connecting).isNotDone();
        try (FakeManager manager = new FakeManager(socket);
                ExtensionManagerClient client = connecting.get(5, TimeUnit.SECONDS)) {
            assertThat(client.ping().isOk()).isTrue();
        }
    }

    @Test
    void aStaleSocketFileThatRefusesIsRetriedUntilAManagerListens() throws Exception {
        // What a dead osqueryd leaves behind: the file exists, nobody listens.
        try (java.nio.channels.ServerSocketChannel stale = java.nio.channels.ServerSocketChannel
                .open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        CompletableFuture<ExtensionManagerClient> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return ExtensionManagerClient.connect(socket, Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(600);
        assertThat(connecting).isNotDone();
        java.nio.file.Files.delete(socket);
        try (FakeManager manager = new FakeManager(socket);
                ExtensionManagerClient client = connecting.get(5, TimeUnit.SECONDS)) {
            assertThat(client.ping().isOk()).isTrue();
        }
    }

    @Test
    void aSocketThatNeverAppearsFailsAfterTheTimeoutNamingIt() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ExtensionManagerClient.connect(socket, Duration.ofMillis(700)))
                .isInstanceOf(OsqueryTransportException.class)
                .hasMessageContaining(socket.toString()).hasMessageContaining("did not appear within 700 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(650L);
    }

    @Test
    void aReplyThatIsNotThriftFailsTheCallAndTheNextCallConnectsAgain() throws Exception {
        try (UnixSocketServer liar = UnixSocketServer.start(socket, "liar", connection -> {
            byte[] request = new byte[64];
            connection.read(request, 0, request.length);
            connection.write("not thrift at all".getBytes(StandardCharsets.US_ASCII));
            connection.flush();
        })) {
            ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofSeconds(2));
            assertThatThrownBy(client::ping).isInstanceOf(OsqueryTransportException.class)
                    .hasMessageContaining("calling ping on " + socket);
            liar.close();
            try (FakeManager manager = new FakeManager(socket)) {
                assertThat(client.ping().message()).isEqualTo("pong");
            }
            client.close();
        }
    }

    @Test
    void callsFromManyThreadsAreSerializedOnOneConnection() throws Exception {
        try (FakeManager manager = new FakeManager(socket);
                ExtensionManagerClient client = ExtensionManagerClient.connect(socket, Duration.ofSeconds(5))) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String sql = "select " + i;
                answers.add(CompletableFuture.supplyAsync(() -> client.query(sql).response().get(0).get("sql")));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("select " + i);
            }
        }
    }
}
