package dev.kolide.fleet.transport.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kolide.fleet.domain.CarveMetadata;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.NewCarve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Carves: the list, one carve, and the download of its reassembled file. */
class CarvesHttpTest extends ApiHttpTestBase {
    private static final int BLOCK = 256 * 1024;

    private Host host;

    @BeforeEach
    void enroll() {
        host = env.enrollHost("web-01", "ubuntu");
    }

    /** A carve of {@code blocks} random blocks of which {@code uploaded} arrived; returns its content's blocks. */
    private CarveMetadata carve(String name, int blocks, int uploaded, byte[][] content) {
        CarveMetadata carve = env.datastore().carves().create(new NewCarve(host.id(), name, blocks, BLOCK,
                (long) blocks * BLOCK, "carve-" + name, "request-" + name, "session-" + name));
        Random random = new Random(blocks);
        for (int i = 0; i < uploaded; i++) {
            content[i] = new byte[BLOCK];
            random.nextBytes(content[i]);
            env.datastore().carves().appendBlock(carve.id(), i, content[i]);
        }
        return env.datastore().carves().find(carve.id()).orElseThrow();
    }

    private HttpResponse<byte[]> download(long id, String token) {
        try {
            return server.http11Client().send(server.request(API + "/carves/" + id + "/download")
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCompleteCarveDownloadsAsItsBlocksInOrderStreamedNotBuffered() throws NoSuchAlgorithmException {
        byte[][] blocks = new byte[40][];
        CarveMetadata carve = carve("big/file: 1", 40, 40, blocks);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (byte[] block : blocks) {
            expected.update(block);
        }

        HttpResponse<byte[]> response = download(carve.id(), adminToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"big_file__1.tar\"");
        // 10 MiB sent as it is read: chunked, with no length known up front.
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.body()).hasSize(40 * BLOCK);
        assertThat(MessageDigest.getInstance("SHA-256").digest(response.body())).isEqualTo(expected.digest());
    }

    @Test
    void anIncompleteOrExpiredCarveIs409AndAnObserver403() {
        CarveMetadata incomplete = carve("incomplete", 3, 1, new byte[3][]);
        CarveMetadata complete = carve("complete", 1, 1, new byte[1][]);

        HttpResponse<byte[]> partial = download(incomplete.id(), adminToken);
        HttpResponse<byte[]> denied = download(complete.id(), observerToken);
        env.clock().advance(Duration.ofDays(1));
        env.datastore().carves().expireCreatedBefore(env.clock().instant());
        HttpResponse<byte[]> expired = download(complete.id(), adminToken);

        assertThat(partial.statusCode()).isEqualTo(409);
        assertThat(new String(partial.body())).contains("1 of 3 blocks received");
        assertThat(partial.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(expired.statusCode()).isEqualTo(409);
        assertThat(new String(expired.body())).contains("expired");
        assertThat(get("/carves/999999/download", adminToken).statusCode()).isEqualTo(404);
        assertThat(get("/carves/abc/download", adminToken).statusCode()).isEqualTo(400);
        assertThat(get("/carves/" + complete.id() + "/download", null).statusCode()).isEqualTo(401);
    }

    @Test
    void carvesAreListedWithoutTheirUploadSecret() {
        CarveMetadata carve = carve("one", 2, 1, new byte[2][]);

        HttpResponse<String> one = get("/carves/" + carve.id(), observerToken);
        HttpResponse<String> list = get("/carves", observerToken);

        assertThat(one.body()).isEqualTo("{\"carve\":{\"id\":" + carve.id() + ",\"created_at\":\"2024-03-01T12:00:00Z\","
                + "\"host_id\":" + host.id() + ",\"name\":\"one\",\"block_count\":2,\"block_size\":262144,"
                + "\"carve_size\":524288,\"carve_id\":\"carve-one\",\"request_id\":\"request-one\","
                + "\"expired\":false,\"max_block\":0}}");
        assertThat(json(list).path("carves")).hasSize(1);
        assertThat(list.body()).doesNotContain("session-one");
    }
}
