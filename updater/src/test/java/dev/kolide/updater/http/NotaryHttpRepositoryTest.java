package dev.kolide.updater.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.updater.tuf.FetchFailedException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotaryHttpRepositoryTest {
    private static final String TUF = "/v2/kolide/osqueryd/_trust/tuf/";
    private static final String NOTARY_404 = "{\"errors\":[{\"code\":\"METADATA_NOT_FOUND\",\"message\":"
            + "\"You have requested metadata that does not exist.\",\"detail\":null}]}";

    private TestServer server;
    private NotaryHttpRepository repository;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        repository = new NotaryHttpRepository(TestServer.http(TestServer.shortTimeouts()), server.url(),
                "kolide/osqueryd");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void returnsTheExactServedBytesAndAsksCachesNotToStore() {
        byte[] body = "{\"signed\":{\"_type\":\"Timestamp\"},\"signatures\":[]}\n".getBytes(UTF_8);
        server.serve(TUF + "timestamp.json", 200, body);

        assertThat(repository.fetch("timestamp.json", 1024)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.getRequestMethod()).isEqualTo("GET");
            assertThat(request.getRequestHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        });
    }

    @Test
    void fetchesVersionedRootsAndDelegationsBelowTheGun() {
        server.serve(TUF + "2.root.json", 200, "root v2".getBytes(UTF_8));
        server.serve(TUF + "targets/releases.json", 200, "releases".getBytes(UTF_8));

        assertThat(repository.fetch("2.root.json", 100)).map(b -> new String(b, UTF_8)).hasValue("root v2");
        assertThat(repository.fetch("targets/releases.json", 100)).map(b -> new String(b, UTF_8))
                .hasValue("releases");
    }

    @Test
    void notFoundIsEmpty() {
        server.serve(TUF + "3.root.json", 404, NOTARY_404.getBytes(UTF_8));

        assertThat(repository.fetch("3.root.json", 1024)).isEqualTo(Optional.empty());
    }

    @Test
    void aServerErrorFailsWithTheStatusAndTheFileName() {
        server.serve(TUF + "snapshot.json", 500, "{\"errors\":[{\"code\":\"UNKNOWN\"}]}".getBytes(UTF_8));

        assertThatThrownBy(() -> repository.fetch("snapshot.json", 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageStartingWith("snapshot.json: GET " + server.base() + TUF + "snapshot.json: HTTP 500")
                .hasMessageContaining("UNKNOWN")
                .satisfies(e -> assertThat(((FetchFailedException) e).role()).isEqualTo("snapshot.json"));
    }

    @Test
    void aLongErrorBodyIsCutToAnExcerpt() {
        byte[] body = new byte[100_000];
        Arrays.fill(body, (byte) 'x');
        server.serve(TUF + "snapshot.json", 502, body);

        assertThatThrownBy(() -> repository.fetch("snapshot.json", 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("HTTP 502")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(BoundedGet.EXCERPT_BYTES + 200));
    }

    @Test
    void aBodyOfExactlyTheCapIsAccepted() {
        byte[] body = new byte[4096];
        server.serve(TUF + "targets.json", 200, body);

        assertThat(repository.fetch("targets.json", 4096)).hasValueSatisfying(b -> assertThat(b).hasSize(4096));
    }

    @Test
    void aBodyOneByteOverTheCapFailsNamingTheFileAndTheCap() {
        server.serve(TUF + "targets.json", 200, new byte[4097]);

        assertThatThrownBy(() -> repository.fetch("targets.json", 4096))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageStartingWith("targets.json: ")
                .hasMessageContaining("longer than the 4096 bytes allowed");
    }

    @Test
    void anEndlessBodyIsCutAtTheCapWithoutReadingOn() {
        long[] sent = {0};
        server.on(TUF + "timestamp.json", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent[0] < 1L << 30) {
                    out.write(chunk);
                    sent[0] += chunk.length;
                }
            }
        });

        assertThatThrownBy(() -> repository.fetch("timestamp.json", 64 * 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("timestamp.json")
                .hasMessageContaining("longer than the 65536 bytes allowed");
        assertThat(sent[0]).as("bytes the server managed to send").isLessThan(1L << 30);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.on(TUF + "timestamp.json", exchange -> server.waitForClose());

        long start = System.nanoTime();
        assertThatThrownBy(() -> repository.fetch("timestamp.json", 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("timestamp.json")
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBodyThatStallsTimesOut() {
        server.on(TUF + "snapshot.json", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            server.waitForClose();
        });

        long start = System.nanoTime();
        assertThatThrownBy(() -> repository.fetch("snapshot.json", 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("snapshot.json")
                .hasMessageContaining("no data for 700 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTrickleThatNeverStallsStillHitsTheTotalDeadline() {
        server.on(TUF + "snapshot.json", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        });

        assertThatThrownBy(() -> repository.fetch("snapshot.json", 1 << 20))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("took longer than 3000 ms");
    }

    @Test
    void anUnreachableServerFailsAsAFetch() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NotaryHttpRepository nowhere = new NotaryHttpRepository(TestServer.http(TestServer.shortTimeouts()),
                ServerUrl.parse("--notary_url", "http://127.0.0.1:" + port), "kolide/osqueryd");

        assertThatThrownBy(() -> nowhere.fetch("root.json", 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageStartingWith("root.json: GET http://127.0.0.1:" + port);
    }

    @Test
    void healthIsTheServersHealthEndpoint() {
        server.serve("/_notary_server/health", 200, "{}".getBytes(UTF_8));
        repository.health();

        server.serve("/_notary_server/health", 503, "{\"storage\":\"down\"}".getBytes(UTF_8));
        assertThatThrownBy(repository::health)
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("notary health")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void namesThatCouldLeaveTheRepositoryAreRefused() {
        assertThatThrownBy(() -> repository.fetch("../other/root.json", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.fetch("root.json?x=1", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotaryHttpRepository(TestServer.http(TestServer.shortTimeouts()), server.url(),
                "kolide/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }
}
